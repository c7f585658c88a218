/ 3411 Maximum Subarray With Equal Products
/ prod = gcd*lcm holds for every pair, and for three or more numbers exactly when they are
/ pairwise coprime (per prime, the exponents' sum must equal min+max); so find the longest
/ pairwise-coprime window, and never answer less than 2.
gcd:{$[y=0;x;.z.s[y;x mod y]]}
solve:{[nums]
  n:count nums;
  if[n<2; :"j"$1=first nums];          / a single number qualifies only when it is 1
  shares:1<nums gcd/:\: nums;          / shares[i;j]: a common factor
  lo:{[s;j] 1+max -1,where j#s j}[shares] each til n;   / window starts after the last clash with j
  max 2,1+(til n)-maxs lo}
