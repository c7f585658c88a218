/ 3350 Adjacent Increasing Subarrays Detection II: from the lengths of the strictly increasing runs
solve:{[nums]
  starts:where 1b,(1_nums)<=-1_nums;   / a new increasing run starts here
  len:1_deltas starts,count nums;
  max (len div 2),(-1_len)&1_len}      / both windows in one run, or across two neighbouring runs
