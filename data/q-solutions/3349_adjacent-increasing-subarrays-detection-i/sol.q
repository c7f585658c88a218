/ 3349 Adjacent Increasing Subarrays Detection I: increasing-run lengths, then two windows k apart
solve:{[nums;k]
  run:1+0{y*x+1}\0b,(1_nums)>-1_nums;   / length of the strictly increasing run ending at each index
  ok:run>=k;                            / a length-k increasing window ends here
  any (neg[k]_ok)&k _ok}
