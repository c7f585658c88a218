/ 3335 Total Characters in String After Transformations I: length grown from one letter, by 26-step blocks
/ L[n], what one "a" becomes after n steps: 1 for n<26, else L[n-26]+L[n-25] ("a" -> ... -> "z" -> "ab").
/ A letter c at the start is an "a" that has already made c-"a" steps.
M:1000000007
nextBlock:{b:(x+1 rotate x) mod M; b[25]:(x[25]+b 0) mod M; b}
solve:{[s;t]
  L:raze ((t+25) div 26) nextBlock\26#1;
  (sum L t+("j"$s)-97) mod M}
