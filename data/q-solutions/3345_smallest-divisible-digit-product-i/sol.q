/ 3345 Smallest Divisible Digit Product I: step up from n while the digit product is not divisible by t
solve:{[n;t] {[t;i] 0<(prd 10 vs i) mod t}[t] (1+)/n}
