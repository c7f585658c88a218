/ 3437 Permutations III: depth-first, extending by unused numbers of the other parity, in order
perms:{[n;p]
  if[n=count p; :enlist p];
  c:1+til n;
  c:c where not c in p;
  if[count p; c:c where (c mod 2)<>(last p) mod 2];
  raze .z.s[n] each p,/:c}
solve:{[n] perms[n;`long$()]}
