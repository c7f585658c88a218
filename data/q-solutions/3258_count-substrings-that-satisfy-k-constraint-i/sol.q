/ 3258 Count Substrings That Satisfy K-Constraint I: all (start;end) pairs from prefix counts of ones
solve:{[s;k]
  p:0,sums "j"$s="1";
  t:til 1+count s;
  ones:p-\:p;                       / ones[j;i]: ones in s[i..j-1]
  len:t-\:t;
  sum sum (len>0)&(ones<=k)|(len-ones)<=k}
