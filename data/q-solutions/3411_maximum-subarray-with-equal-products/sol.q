/ 3411 Maximum Subarray With Equal Products: extend each start while the product stays bounded
gcd:{$[y=0;x;.z.s[y;x mod y]]}
lcm:{(x*y) div gcd[x;y]}
solve:{[nums]
  n:count nums; cap:max[nums]*lcm/[nums]; best:0; i:0;
  while[i<n;
    p:1; g:0; l:1; j:i;
    while[(j<n)&p<=cap;
      v:nums j; p*:v; g:gcd[g;v]; l:lcm[l;v];
      if[p=g*l; best|:1+j-i];
      j+:1];
    i+:1];
  best}
