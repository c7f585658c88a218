/ 3438 Find Valid Pair of Adjacent Digits in String: digits whose count equals their value
solve:{[s]
  cnt:count each group s;
  ok:(cnt s)=("j"$s)-48;
  i:where ok&(next ok)&s<>next s;
  $[count i; s i[0]+0 1; ""]}
