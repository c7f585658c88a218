// core: literals, arithmetic, formatting, errors
q)1+2
3
q)1 2 3f
1 2 3f
q)1.5 2 3
1.5 2 3
q)101b
101b
q)enlist 1
,1
q)"abc"
"abc"
q)"a"
"a"
q)`a`b
`a`b
q)`a
`a
q)1 2 3i
1 2 3i
q)2h
2h
q)0x0102
0x0102
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
q)1%3
0.3333333
q)1e10
1e+10
q)100000000f
1e+08
q)2*3+4
14
q)10-2-3
11
q)1 2 3+10
11 12 13
q)1 2 3*1 2 3
1 4 9
q)1 2+1 2 3
'length
q)1+`a
'type
q)undefinedname
'undefinedname
q)7 mod 3
1
q)-7 mod 3
2
q)7 div 2
3
q)3=3
1b
q)1 2 3<2
100b
q)1 2 3~1 2 3
1b
q)`a`b!1 2
a| 1
b| 2
q)(1 2;3 4)
1 2
3 4
q)(1;`a;"b")
1
`a
"b"
q)()
()
q)til 0
`long$()
q)0#`a
`symbol$()
q)""
""
q)x:5
q)x
5
q)x+:1
q)x
6
q)a:1 2 3
q)a[1]:10
q)a
1 10 3
q)a,:4
q)a
1 10 3 4
q)d:`a`b!1 2
q)d[`c]:3
q)d
a| 1
b| 2
c| 3
q)d`b
2
q)-1 "hello";
hello
q)-1 "hello"
hello
-1
q)1 2 3 +\: 10 20
11 21
12 22
13 23
q)\P 3
q)1%3
0.333
q)\P 7
q)2#1.5
1.5 1.5
