// arithmetic, comparison, type promotion, nulls and infinities
q)1+1
2
q)1i+1i
2i
q)1h+1h
2h
q)1i+1
2
q)1+1.5
2.5
q)1b+1b
2i
q)2*3.0
6f
q)10%4
2.5
q)1%0
0w
q)-1%0
-0w
q)0%0
0n
q)3-5
-2
q)neg 1 -2 3
-1 2 -3
q)abs -3 4 -5
3 4 5
q)abs -2.5
2.5
q)signum -5 0 5
-1 0 1i
q)sqrt 16
4f
q)sqrt 2
1.414214
q)exp 0
1f
q)log 1
0f
q)floor 2.7 -2.7
2 -3
q)ceiling 2.2 -2.2
3 -2
q)reciprocal 4
0.25
q)17 mod 5
2
q)-17 mod 5
3
q)17 div 5
3
q)-17 div 5
-4
q)2 xexp 3
8f
q)1 2 3|2
2 2 3
q)1 2 3&2
1 2 2
q)5 and 3
3
q)5 or 3
5
q)1 2 3=1 5 3
101b
q)1 2 3<>1 5 3
010b
q)3>2
1b
q)3<=3
1b
q)3>=4
0b
q)"a"<"b"
1b
q)`a<`b
1b
q)1=1.0
1b
q)0N+1
0N
q)null 0N 1 0N
101b
q)null 0n
1b
q)null `
1b
q)null " "
1b
q)0W>100
1b
q)0N<-0W
1b
q)not 0 1 2
100b
q)max 3 1 4 1 5
5
q)min 3 1 4 1 5
1
q)sum 1 2 3 4
10
q)sum 1.5 2.5
4f
q)prd 1 2 3 4
24
q)avg 1 2 3 4
2.5
q)med 3 1 2
2f
q)var 1 2 3 4
1.25
q)dev 2 4 4 4 5 5 7 9
2f
q)sums 1 2 3 4
1 3 6 10
q)prds 1 2 3 4
1 2 6 24
q)maxs 1 3 2 5 4
1 3 3 5 5
q)mins 5 3 4 1 2
5 3 3 1 1
q)deltas 1 4 9 16
1 3 5 7
q)ratios 1 2 4 8
1 2 2 2f
q)differ 1 1 2 2 3
10101b
q)5 xbar 3 7 12 18
0 5 10 15
q)2 3 4+10 20 30
12 23 34
q)1 2 3+`a
'type
q)1 2 3+4 5
'length
q)(1 2;3 4)+10
11 12
13 14
q)(1;2 3)+(10;20 30)
11
22 33
q)`a`b!1 2+3 4
a| 4
b| 6
q)(`a`b!1 2)+`a`b!10 20
a| 11
b| 22
q)all 111b
1b
q)any 001b
1b
q)all 1 0 1
0b
q)1 2 3 within 2 3
011b
q)2 wsum 3
6
q)1 2 3 wavg 4 5 6
5.333333
q)3 msum 1 2 3 4 5
1 3 6 9 12
q)2 mavg 1 2 3 4
1 1.5 2.5 3.5
q)cor[1 2 3;2 4 6]
1f
