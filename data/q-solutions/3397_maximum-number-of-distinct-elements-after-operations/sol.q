/ 3397 Maximum Number of Distinct Elements After Operations: greedy on sorted values, lowest free slot
solve:{[nums;k]
  s:asc nums;
  last {[k;st;x] cur:(x+k)&(x-k)|1+st 0; $[cur>st 0; (cur;1+st 1); st]}[k]/[(first[s]-k+1;0);s]}
