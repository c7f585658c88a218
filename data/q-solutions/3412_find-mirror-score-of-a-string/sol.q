/ 3412 Find Mirror Score of a String: a dictionary of index stacks per letter
step:{[s;st;i]
  c:s i; m:"c"$219-"j"$c;           / the mirror letter
  j:last st[0] m;
  $[null j;
    (@[st 0;c;,;i]; st 1);
    (@[st 0;m;(-1_)]; st[1]+i-j)]}
solve:{[s]
  stacks:("c"$97+til 26)!26#enlist `long$();
  last step[s]/[(stacks;0);til count s]}
