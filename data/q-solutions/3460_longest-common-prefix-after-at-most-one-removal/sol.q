/ 3460 Longest Common Prefix After at Most One Removal: two pointers, skipping one mismatch in s
solve:{[s;t]
  i:j:0; rem:0b;
  while[(i<count s)&j<count t;
    $[s[i]=t j; j+:1; rem; :j; rem:1b];
    i+:1];
  j}
