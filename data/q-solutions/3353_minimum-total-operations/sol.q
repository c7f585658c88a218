/ 3353 Minimum Total Operations: one operation per change between neighbours
solve:{[nums] sum (1_nums)<>-1_nums}
