/ 3407 Substring Matching Pattern: the pattern with one * is a glob; match it anywhere in s
solve:{[s;p] s like "*",p,"*"}
