/ 3365 Rearrange K Substrings to Form Target String: same multiset of k equal chunks
solve:{[s;t;k]
  m:(count s) div k;
  (asc m cut s)~asc m cut (count s) sublist t}
