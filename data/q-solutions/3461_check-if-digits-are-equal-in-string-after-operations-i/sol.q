/ 3461 Check If Digits Are Equal in String After Operations I: pairwise sums mod 10 until two digits remain
solve:{[s]
  d:{2<count x}{((-1_x)+1_x) mod 10}/("j"$s)-48;
  d[0]=d 1}
