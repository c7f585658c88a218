/ 3360 Stone Removal Game: simulate the turns
solve:{[n]
  take:10; turns:0;
  while[n>=take; n-:take; take-:1; turns+:1];
  1=turns mod 2}
