/ 3289 The Two Sneaky Numbers of Digitville: values seen twice, in order of first appearance
solve:{[nums] where 2=count each group nums}
