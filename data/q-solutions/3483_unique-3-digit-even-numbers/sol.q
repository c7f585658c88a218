/ 3483 Unique 3-Digit Even Numbers: all ordered triples of distinct positions
solve:{[digits]
  t:til count digits;
  ix:t cross t cross t;
  d:digits ix where 3=count each distinct each ix;
  count distinct 10 sv/: d where (0<d[;0])&0=d[;2] mod 2}
