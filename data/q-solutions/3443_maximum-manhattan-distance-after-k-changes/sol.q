/ 3443 Maximum Manhattan Distance After K Changes: each change adds 2, capped by the steps taken
solve:{[s;k]
  x:sums (s="E")-s="W";
  y:sums (s="N")-s="S";
  max (1+til count s)&(abs x)+(abs y)+2*k}
