/ 3496 Maximize Score After Pair Deletions: drop the smallest single (odd n) or adjacent pair (even n)
solve:{[nums]
  s:sum nums;
  $[1=(count nums) mod 2; s-min nums; s-min (1_nums)+-1_nums]}
