// list primitives: construction, take, drop, join, search, sort, set operations

// til count first last reverse
q)til 5
0 1 2 3 4
q)til 1
,0
q)til 0
`long$()
q)count 1 2 3
3
q)count 5
1
q)count "abc"
3
q)count ()
0
q)count (1 2;3 4 5)
2
q)count each (1 2;3 4 5)
2 3
q)first 1 2 3
1
q)first 42
42
q)last 1 2 3
3
q)last til 10
9
q)first (1 2;3 4)
1 2
q)first each (1 2 3;4 5;6 7 8 9)
1 4 6
q)last "abc"
"c"
q)reverse 1 2 3 4
4 3 2 1
q)reverse "abc"
"cba"
q)reverse (1 2;3)
3
1 2

// enlist and joins
q)enlist 5
,5
q)enlist "a"
,"a"
q)enlist `a
,`a
q)enlist 1 2
,1 2
q)1,2
1 2
q)1,2 3
1 2 3
q)1 2,3 4
1 2 3 4
q)"ab","c"
"abc"
q)`a,`b
`a`b
q)1,"a"
1
"a"
q)(1 2),enlist 3 4
1
2
3 4
q)(1;2)
1 2
q)(1;2.5)
1
2.5
q)(1;`a;"b")
1
`a
"b"
q)(1 2;3 4)
1 2
3 4
q)(1;2 3)
1
2 3
q)raze (1 2;3 4 5)
1 2 3 4 5
q)raze ("ab";"cd")
"abcd"
q)raze 42
,42
q)(1 2;(3 4;5 6);7)
1 2
(3 4;5 6)
7

// take and drop
q)2#1 2 3
1 2
q)5#1 2 3
1 2 3 1 2
q)-2#1 2 3
2 3
q)0#1 2 3
`long$()
q)3#"a"
"aaa"
q)2 3#til 6
0 1 2
3 4 5
q)3#`a
`a`a`a
q)2_1 2 3
,3
q)-1_1 2 3
1 2
q)5_0 1 2 3 4 5 6 7 8
5 6 7 8
q)-5_0 1 2 3 4 5 6 7 8
0 1 2 3
q)10_1 2 3
`long$()
q)0 1 2 3 4 5 6 7 8_5
0 1 2 3 4 6 7 8
q)2 sublist 1 2 3
1 2
q)10 sublist 2 3 5 7 11
2 3 5 7 11
q)1 2 sublist til 5
1 2
q)-2 sublist til 5
3 4
q)2 cut til 5
0 1
2 3
,4
q)0 2 cut til 5
0 1
2 3 4
q)3 cut "abcdefgh"
"abc"
"def"
"gh"

// indexing
q)(10 20 30) 1
20
q)10 20 30 1
10 20 30 1
q)10 20 30[2 0]
30 10
q)"abcdef" 1 0 3
"bad"
q)(til 5) 99
0N
q)`a`b`c 5
`
q)"abc" 5
" "
q)m:(1 2 3;4 5 6)
q)m[1;2]
6
q)m[1]
4 5 6
q)m[;0]
1 4
q)m . 1 2
6
q)count first (2 3 4;5 6)
3

// where distinct group
q)where 101b
0 2
q)where 0 1 1 0 1
1 2 4
q)where 2 3 0 1
0 0 1 1 1 3
q)where 000b
`long$()
q)x:1 5 6 8 11 17 20 21
q)x where 0=x mod 2
6 8 20
q)distinct 2 3 7 3 5 3
2 3 7 5
q)distinct "mississippi"
"misp"
q)group "mississippi"
m| ,0
i| 1 4 7 10
s| 2 3 5 6
p| 8 9
q)count each group "mississippi"
m| 1
i| 4
s| 4
p| 2
q)group 1 2 1 3
1| 0 2
2| ,1
3| ,3

// find, in, except, inter, union, within
q)w:10 -8 3 5 -1 2 3
q)w?3
2
q)w?17
7
q)"abcde"?"d"
3
q)1 2 3?2 3
1 2
q)2 in 1 2 3
1b
q)4 in 1 2 3
0b
q)1 3 7 6 4 in 5 4 1 6
10011b
q)"x" in "acdexyz"
1b
q)`b in `a`b`c
1b
q)1 2 3 except 2
1 3
q)1 2 3 4 1 3 except 2 3
1 4 1
q)"hello" except "l"
"heo"
q)1 3 4 2 inter 2 3 5 7 11
3 2
q)1 2 union 2 3
1 2 3
q)1 2 2 union 3 1
1 2 3
q)5 within 1 10
1b
q)1 3 10 6 4 within 2 6
01011b
q)"acyxmpu" within "br"
0100110b

// sorting
q)desc 3 1 2
3 2 1
q)iasc 3 1 2
1 2 0
q)idesc 3 1 2
0 2 1
q)iasc 2 7 3 2 5
0 3 2 4 1
q)rank 2 7 3 2 5
0 4 2 1 3
q)desc "hello"
"ollhe"
q)idesc 1 3 3 2
1 2 3 0
q)x:3 1 2
q)x iasc x
1 2 3

// prev next fills differ rotate cross bin
q)prev 2 3 5 7 11
0N 2 3 5 7
q)next 2 3 5 7 11
3 5 7 11 0N
q)prev "abc"
" ab"
q)fills 0N 2 3 0N 0N 7 0N
0N 2 3 3 3 7 7
q)fills 1 0N 3 0N 0N 5
1 1 3 3 3 5
q)0^1 2 3 0N
1 2 3 0
q)differ 1 3 3 4 5 6 6
1101110b
q)differ "aabccc"
101100b
q)1 rotate 1 2 3
2 3 1
q)-1 rotate 1 2 3
3 1 2
q)2 rotate "abcd"
"cdab"
q)1 2 3 cross 10 20
1 10
1 20
2 10
2 20
3 10
3 20
q)0 2 4 6 8 10 bin 5
2
q)0 2 4 6 8 10 bin -10 0 4 5 6 20
-1 0 2 2 3 5

// flip and matrices
q)flip (1 2 3;4 5 6)
1 4
2 5
3 6
q)flip (1 2;3 4)
1 3
2 4

// amend
q)s:1 2 3
q)s[1]:4
q)s
1 4 3
q)s[0 2]:10 30
q)s
10 4 30
q)s,:99
q)s
10 4 30 99
q)s[1]+:100
q)s
10 104 30 99
q)@[1 2 3 4 5;2;:;6]
1 2 6 4 5
q)@[1 2 3;0 2;+;10]
11 2 13
q)@[1 2 3;1;neg]
1 -2 3
q)@[1 2;::;*;3 4]
3 8
q)m:(1 2;3 4)
q)m[1;1]:5
q)m
1 2
3 5
q).[(1 2;3 4);1 0;:;9]
1 2
9 4
q)l:()
q)l,:1
q)l,:2
q)l
1 2

// vector conditional and random draws
q)?[101b;1 2 3;10 20 30]
1 20 3
q)count 10?100
10
q)all (10?5)<5
1b
