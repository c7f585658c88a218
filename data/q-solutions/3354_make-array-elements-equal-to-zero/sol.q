/ 3354 Make Array Elements Equal to Zero: at each zero compare the left sum with the right sum
solve:{[nums]
  d:abs (2*(sums nums) where 0=nums)-sum nums;
  sum (2*d=0)+d=1}
