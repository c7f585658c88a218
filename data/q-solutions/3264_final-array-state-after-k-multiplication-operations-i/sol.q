/ 3264 Final Array State After K Multiplication Operations I: multiply the first minimum k times
solve:{[nums;k;multiplier]
  do[k; nums[nums?min nums]*:multiplier];
  nums}
