/ 3355 Zero Array Transformation I: coverage of each index from a difference array
solve:{[nums;queries]
  n:count nums;
  d:@[(n+1)#0;queries[;0];+;1];
  d:@[d;1+queries[;1];-;1];
  all nums<=n#sums d}
