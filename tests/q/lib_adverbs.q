// iterators: each, over, scan, prior, each-left, each-right and their keyword forms

// each
q)count each (1 2;3 4 5;6)
2 3 1
q)count'[("the";"quick";"brown";"fox")]
3 5 5 3
q)(count')("the";"quick";"brown";"fox")
3 5 5 3
q){x*2} each 1 2 3
2 4 6
q){x,x} each 1 2
1 1
2 2
q)reverse each ("ab";"cd")
"ba"
"dc"
q)first each ("ab";"cd")
"ac"
q)1 2 3+'10 20 30
11 22 33
q){x+y}'[1 2;10 20]
11 22
q)(1 2;3 4),'5 6
1 2 5
3 4 6
q)"abc",'"xyz"
"ax"
"by"
"cz"
q)i:0 1 0 2
q)i,'til count i
0 0
1 1
0 2
2 3

// each-left and each-right
q)1 2+\:10 20
11 21
12 22
q)1 2+/:10 20
11 12
21 22
q)1 2 3,\:4
1 4
2 4
3 4
q)"ab",/:"xy"
"abx"
"aby"
q)0 1 <=/:\: 0 1
11b
01b
q)2 3*\:1 2 3
2 4 6
3 6 9

// over and scan
q)+/ 1 2 3 4
10
q)(+/)2 3 4 5
14
q)+/[1000000;2 3 4]
1000009
q)16+/1 2 3 4
26
q)*/ 1 2 3 4
24
q)+\ 1 2 3 4 5
1 3 6 10 15
q)1000+\2 3 4
1002 1005 1009
q)(*) scan 1 2 3 4 5
1 2 6 24 120
q)(+) over til 5
10
q)(+) scan til 5
0 1 3 6 10
q)|/ 3 1 4 1 5
5
q)&\ 3 1 4 1 5
3 1 1 1 1
q)(,/)("ab";"cd";"ef")
"abcdef"
q){x*y}/[2 3 4]
24
q)over[+;1 2 3]
6
q)scan[+;1 2 3]
1 3 6
q)(+/)`long$()
0
q)(*/)`long$()
1
q)42+/`long$()
42

// converge, do and while forms
q)(neg\)1
1 -1
q)({x*x}\)0.1
0.1 0.01 0.0001 1e-08 1e-16 1e-32 1e-64 1e-128 1e-256 0
q){x div 2}\[100]
100 50 25 12 6 3 1 0
q){x div 2}/[100]
0
q)10{x,sum -2#x}/0 1
0 1 1 2 3 5 8 13 21 34 55 89
q)3{x*2}\1
1 2 4 8
q)3{x*2}/1
8
q)5 enlist\1
1
,1
,,1
,,,1
,,,,1
,,,,,1
q)(10>){x*2}\2
2 4 8 16
q){x<1000}{x+x}\2
2 4 8 16 32 64 128 256 512 1024
q){x<100}{x*3}/1
243
q)(rotate[1]\)"abcd"
"abcd"
"bcda"
"cdab"
"dabc"

// multi-argument over and scan
q){x+y*z}/[1000;5 10 15 20;2 3 4 5]
1200
q){x+y*z}\[1000;5 10 15 20;2 3 4 5]
1010 1040 1100 1200
q){x,y}\[2 3 4]
2
2 3
2 3 4

// prior
q)-':[1952 1954 1960]
1952 2 6
q)-':[1900;1952 1954 1960]
52 2 6
q)deltas[15 27 93]
15 12 66
q)(-) prior 1 4 9
1 3 5

// keyword forms: each, over, scan, prior, peach
q)each[count;("a";"bc")]
1 2
q)count peach ("a";"bc";"def")
1 2 3
q)(+) over 1 2 3 4
10
q)(|) scan 3 1 4 1 5
3 3 4 4 5
q)(&) over 3 1 4
1
