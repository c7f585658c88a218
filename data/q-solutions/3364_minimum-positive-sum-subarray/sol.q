/ 3364 Minimum Positive Sum Subarray: all window sums of lengths l..r from prefix sums
solve:{[nums;l;r]
  p:0,sums nums;
  s:raze {[p;len] (len _ p)-neg[len]_p}[p] each l+til 1+r-l;
  s:s where s>0;
  $[count s; min s; -1]}
