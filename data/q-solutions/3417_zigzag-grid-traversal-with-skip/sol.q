/ 3417 Zigzag Grid Traversal With Skip: reverse odd rows, flatten, keep every other cell
solve:{[grid]
  r:raze @[grid;1+2*til (count grid) div 2;reverse];
  r where 0=(til count r) mod 2}
