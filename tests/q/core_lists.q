// list primitives
q)til 5
0 1 2 3 4
q)count 1 2 3
3
q)count 5
1
q)count ()
0
q)first 5 6 7
5
q)last 5 6 7
7
q)first ()
q)reverse 1 2 3
3 2 1
q)reverse "abc"
"cba"
q)2#1 2 3
1 2
q)5#1 2 3
1 2 3 1 2
q)-2#1 2 3
2 3
q)0#1 2 3
`long$()
q)2 3#til 6
0 1 2
3 4 5
q)1_1 2 3
2 3
q)-1_1 2 3
1 2
q)5_1 2 3
`long$()
q)1 2,3 4
1 2 3 4
q)1,2
1 2
q)1,`a
1
`a
q)"ab","cd"
"abcd"
q)enlist 5
,5
q)enlist "a"
,"a"
q)enlist `a
,`a
q)enlist 1 2
,1 2
q)count enlist 1 2
1
q)raze (1 2;3 4;5)
1 2 3 4 5
q)where 1011b
0 2 3
q)where 2 1 0 3
0 0 1 3 3 3
q)distinct 1 2 1 3 2
1 2 3
q)distinct "hello"
"helo"
q)group "abab"
a| 0 2
b| 1 3
q)asc 3 1 2
1 2 3
q)desc 3 1 2
3 2 1
q)asc `c`a`b
`a`b`c
q)iasc 3 1 2
1 2 0
q)idesc 3 1 2
0 2 1
q)1 2 3?2
1
q)1 2 3?5
3
q)"hello"?"l"
2
q)2 in 1 2 3
1b
q)1 5 in 1 2 3
10b
q)1 2 3 4 except 2 4
1 3
q)1 2 3 4 inter 2 4 6
2 4
q)1 2 union 2 3
1 2 3
q)1 2 cross 3 4
1 3
1 4
2 3
2 4
q)2 sublist 1 2 3 4
1 2
q)1 2 sublist 1 2 3 4
2 3
q)1 rotate 1 2 3
2 3 1
q)-1 rotate 1 2 3
3 1 2
q)2 cut til 5
0 1
2 3
,4
q)0 2 cut til 5
0 1
2 3 4
q)1 3 5 bin 4
1
q)1 3 5 bin 0
-1
q)next 1 2 3
2 3 0N
q)prev 1 2 3
0N 1 2
q)fills 1 0N 0N 2 0N
1 1 1 2 2
q)0^1 0N 3
1 0 3
q)rank 30 10 20
2 0 1
q)(1 2 3)[1]
2
q)(1 2 3)[5]
0N
q)(1 2 3) 0 2
1 3
q)x:(1 2 3;4 5 6)
q)x[1;2]
6
q)x[;1]
2 5
q)x . 0 1
2
q)flip (1 2 3;4 5 6)
1 4
2 5
3 6
q)(1;2)
1 2
q)(1;"a")
1
"a"
q)type 1 2 3
7h
q)type 1
-7h
q)type (1;"a")
0h
q)type "a"
-10h
q)type `a
-11h
q)type 1.5
-9h
q)type 1b
-1h
q)type {x}
100h
q)type `a`b!1 2
99h
q)type ([]a:1 2)
98h
q)count each (1 2;3 4 5;6)
2 3 1
q)1 2 3~1 2 3
1b
q)1 2 3~1 2
0b
q)(1;2)~1 2
1b
q)?[101b;1 2 3;10 20 30]
1 20 3
