// arithmetic, comparison, type promotion, nulls and infinities, math functions
// (expected output as the kdb+ q console prints it)
q)7f div 2
3f
q)"sat"|"cow"
"sow"
q)"sat"&"cow"
"cat"
q)mins "genie"
"geeee"
q)2.5 xbar til 6
0 0 0 2.5 2.5 5
