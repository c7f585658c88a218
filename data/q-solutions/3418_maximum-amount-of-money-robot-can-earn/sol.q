/ 3418 Maximum Amount of Money Robot Can Earn: row-by-row DP, one row of totals per neutralizations left
low:-1000000000000000
/ best totals along a row: from above (u) or from the left, plus the cell; or a neutralized alternative (a)
scanRow:{[u;c;a] {[l;u;c;a] a|c+u|l}\[low;u;c;a]}
/ totals when the robber in each negative cell is neutralized, reached from the previous neutralization level
alt:{[c;up;left] w:where c<0; @[(count c)#low;w;:;(up|low,-1_left) w]}
row:{[up;c]
  r0:scanRow[up 0;c;(count c)#low];
  r1:scanRow[up 1;c;alt[c;up 0;r0]];
  r2:scanRow[up 2;c;alt[c;up 1;r1]];
  (r0;r1;r2)}
solve:{[coins]
  start:3#enlist 0,(-1+count first coins)#low;   / a virtual row above (0,0)
  max last each row/[start;coins]}
