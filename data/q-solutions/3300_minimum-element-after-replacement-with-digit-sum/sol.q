/ 3300 Minimum Element After Replacement With Digit Sum
solve:{[nums] min {sum 10 vs x} each nums}
