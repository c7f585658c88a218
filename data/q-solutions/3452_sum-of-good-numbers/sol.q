/ 3452 Sum of Good Numbers: compare with the elements k to the left and k to the right
solve:{[nums;k]
  pad:k#0;
  sum nums where (nums>pad,neg[k]_nums)&nums>(k _ nums),pad}
