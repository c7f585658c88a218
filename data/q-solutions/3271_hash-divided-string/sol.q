/ 3271 Hash Divided String: sum each k-chunk of letter indices, mod 26, back to a letter
solve:{[s;k] "c"$97+(sum each k cut ("j"$s)-97) mod 26}
