/ 3301 Maximize the Total Height of Unique Towers: tallest first, each at most one below the previous
solve:{[maximumHeight]
  h:{y&x-1}\[desc maximumHeight];
  $[0<min h; sum h; -1]}
