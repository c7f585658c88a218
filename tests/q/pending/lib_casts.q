// type, casts ($ with a char, symbol or short on the left) and parses (upper-case char)
// type numbers
q)(`int;"i";6h)$10
10 10 10i
q)`int$(neg\)6.1 6.6
6  7
-6 -7
q)`float$0Wh
32767f
q)`$"   IBM   "
`IBM
