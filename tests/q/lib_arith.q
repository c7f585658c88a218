// arithmetic, comparison, type promotion, nulls and infinities, math functions
// (expected output as the kdb+ q console prints it)

// add subtract multiply divide: atoms and vectors, right to left
q)2+3
5
q)2+3 4 5
5 6 7
q)1 2 3+10 20 30
11 22 33
q)3 4 5-2
1 2 3
q)10-1 2 3
9 8 7
q)2*3+4
14
q)(2*3)+4
10
q)2 3*4 5-6 7
-4 -6
q)7*2+4
42
q)10%4
2.5
q)4%2
2f
q)2%3
0.6666667
q)1%3
0.3333333
q)100%3
33.33333
q)1 2 3%2
0.5 1 1.5
q)3 4 5*2.2
6.6 8.8 11
q)neg 5
-5
q)-5
-5
q)- 5
-5
q)1-1
0
q)2-3
-1
q)1 -2 3
1 -2 3
q)1 - -2
3

// type promotion
q)type 1+1
-7h
q)type 1i+55
-7h
q)type 1i+1i
-6h
q)type 1+1.5
-9h
q)type 1b+1b
-6h
q)1b+1b
2i
q)1+1b
2
q)3.3 4.4 5.5*1b
3.3 4.4 5.5
q)1.5+1
2.5
q)type 2*0.5
-9h
q)2*0.5
1f
q)1i+2
3
q)5h*2
10

// mixed-shape (atomic) arithmetic over nested lists
q)(10;20 30)+(2;3 4)
12
23 34
q)(10;20 30)-(2;3 4)
8
17 26
q)(10;20 30)*(2;3 4)
20
60 120
q)1+(1 2;3 4)
2 3
4 5

// div and mod
q)7 div 2
3
q)7 div 3
2
q)-7 div 2
-4
q)7 div 2 3 4
3 2 1
q)7 mod 3
1
q)-7 mod 3
2
q)7 mod 2 3 4
1 1 3
q)-3 -2 -1 0 1 2 3 4 mod 3
0 1 2 0 1 2 0 1
q)10 mod 5
0
q)7f div 2
3f

// nulls and infinities
q)0N
0N
q)0n
0n
q)0W
0W
q)-0W
-0W
q)0w
0w
q)-0w
-0w
q)0Ni
0Ni
q)0Nh
0Nh
q)1+0N
0N
q)1 2 3+0N
0N 0N 0N
q)1%0
0w
q)-1%0
-0w
q)0%0
0n
q)1 0N 3
1 0N 3
q)1 0n 3
1 0n 3
q)0N=0N
1b
q)0n=0n
1b
q)0N<1
1b
q)-0W<0N
0b
q)null 0N
1b
q)null 1 0N 3
010b
q)null 1.5 0n
01b
q)null `a``b
010b
q)null "a c"
010b

// comparison
q)1=1
1b
q)1=2
0b
q)1 2 3=1 5 3
101b
q)3<5
1b
q)5<3
0b
q)1 2 3<2
100b
q)1 2 3>2
001b
q)1 2 3<=2
110b
q)1 2 3>=2
011b
q)1 2 3<>2
101b
q)1=1h
1b
q)1~1h
0b
q)1=1.0
1b
q)"hello"="world"
00010b
q)"alpha">"omega"
00110b
q)`a<`b
1b
q)`alpha>`omega
0b
q)(3;"a")=(2 3 4;"abc")
010b
100b
q)0 1 </:\: 0 1
01b
00b

// min, max, logic
q)2|3
3
q)2&3
2
q)2|til 5
2 2 2 3 4
q)1010b or 1100b
1110b
q)1010b and 1100b
1000b
q)2 or 3
3
q)"sat"|"cow"
"sow"
q)"sat"&"cow"
"cat"
q)not 1b
0b
q)not 0b
1b
q)not 101b
010b
q)not -1 0 1 2
0100b
q)not 5
0b
q)all 101b
0b
q)all 111b
1b
q)any 101b
1b
q)any 000b
0b
q)all 1 2 3=1 2 3
1b
q)any 1 2 3=10 20 4
0b

// math functions
q)abs -3
3
q)abs -1.0
1f
q)abs 10 -43 0N
10 43 0N
q)abs(10;20 -30)
10
20 30
q)neg -1 0 1 2
1 0 -1 -2
q)neg 1.5
-1.5
q)signum -2 0 1 3
-1 0 1 1i
q)signum -5
-1i
q)signum(10;-20 30)
1i
-1 1i
q)sqrt 16
4f
q)sqrt 2
1.414214
q)sqrt 4 9 16
2 3 4f
q)sqrt -1
0n
q)exp 0
1f
q)exp 1
2.718282
q)exp 0.5
1.648721
q)log 1
0f
q)log 0.5
-0.6931472
q)log 0
-0w
q)log -1
0n
q)2 xexp 10
1024f
q)2 xexp 8
256f
q)2 xexp 0.5
1.414214
q)2 xlog 8
3f
q)floor 2.5
2
q)floor -2.5
-3
q)floor -2.1 0 2.1
-3 0 2
q)ceiling 2.5
3
q)ceiling -2.1 0 2.1
-2 0 3
q)floor(1.2;3.4 5.6)
1
3 5
q)type floor 2.5
-7h
q)reciprocal 4
0.25
q)reciprocal 0 0w 0n 3 10
0w 0 0n 0.3333333 0.1
q)reciprocal 1b
1f

// sum, prd, max, min, avg and their running forms
q)sum 1 2 3
6
q)sum 1.5 2.5
4f
q)sum 101b
2i
q)sum `long$()
0
q)sum 7
7
q)sum (1 2;3 4)
4 6
q)prd 2 3 5 7
210
q)prd 1 2 3 4
24
q)prd 7
7
q)prd 101b
0i
q)max 3 1 4 1 5
5
q)min 3 1 4 1 5
1
q)max 1.5 -2 3
3f
q)min 2 5 7 1 3
1
q)min 0N 5 0N 1 3
1
q)min "genie"
"e"
q)max `long$()
-0W
q)min `long$()
0W
q)avg 1 2 3 4
2.5
q)avg 1 2 3
2f
q)avg 1 0n 2 3
2f
q)avg 101b
0.6666667
q)sums 1 2 3 4
1 3 6 10
q)sums 1.5 2.5
1.5 4
q)prds 1 2 3 4
1 2 6 24
q)prds 2 3 0N 7
2 6 6 42
q)maxs 1 3 2 5 4
1 3 3 5 5
q)mins 2 5 7 1 3
2 2 2 1 1
q)mins "genie"
"geeee"
q)deltas 1 4 9 16
1 3 5 7
q)deltas 2000 2005 2007 2012 2020
2000 5 2 5 8
q)ratios 1 2 4 8
1 2 2 2f
q)ratios 2000 2005 2007 2012 2020
2000 1.0025 1.000998 1.002491 1.003976
q)med 10 34 23 123 5 56
28.5
q)med 1 2 3
2f
q)var 2 3 5 7
3.6875
q)var 1 2 3 4
1.25
q)dev 1 2 3 4
1.118034
q)3 xbar til 16
0 0 0 3 3 3 6 6 6 9 9 9 12 12 12 15
q)5 xbar 3 7 12
0 5 10
q)2.5 xbar til 6
0 0 0 2.5 2.5 5
