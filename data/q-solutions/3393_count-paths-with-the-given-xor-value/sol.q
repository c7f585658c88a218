/ 3393 Count Paths With the Given XOR Value: row-by-row DP, a dictionary xor -> number of paths per cell
M:1000000007
xor:{2 sv "j"$((31#2) vs x)<>(31#2) vs y}
empty:(`long$())!`long$()
/ paths into a cell from the left (l) and from above (u), then xor in the cell's value g
cell:{[l;u;g] s:(l+u) mod M; (xor[;g] each key s)!value s}
solve:{[grid;k]
  n:count first grid;
  start:(enlist (enlist 0)!enlist 1),(n-1)#enlist empty;   / a virtual row above (0,0)
  rows:{[up;row] cell\[empty;up;row]}/[start;grid];
  0^(last rows) k}
