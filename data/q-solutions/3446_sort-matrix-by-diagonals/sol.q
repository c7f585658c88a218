/ 3446 Sort Matrix by Diagonals: group cells by i-j; lower diagonals descending, upper ascending
solve:{[grid]
  n:count grid; p:til n*n;
  g:group (p div n)-p mod n;
  v:{[v;d;ix] @[v;ix;:;$[d>=0;desc;asc] v ix]}/[raze grid;key g;value g];
  n cut v}
