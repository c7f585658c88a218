// console display of every type: atoms, vectors, one-item lists, empty lists, nested lists, precision

// atoms
q)1b
1b
q)0b
0b
q)0x2a
0x2a
q)42h
42h
q)42i
42i
q)42
42
q)42e
42e
q)1.5e
1.5e
q)42f
42f
q)42.0
42f
q)1.5
1.5
q)-1.5
-1.5
q)"c"
"c"
q)`sym
`sym
q)`
`
q)`$"a b"
`a b

// vectors
q)101b
101b
q)0x0102
0x0102
q)1 2 3h
1 2 3h
q)1 2 3i
1 2 3i
q)1 2 3
1 2 3
q)1.5 2.5e
1.5 2.5e
q)1.5 2.5
1.5 2.5
q)1 2 3f
1 2 3f
q)1.0 2.0
1 2f
q)1 2.5
1 2.5
q)1.5 -2.25
1.5 -2.25
q)`a`b`c
`a`b`c
q)`a``b
`a``b
q)-1 -2 -3
-1 -2 -3

// one-item lists
q)enlist 1b
,1b
q)enlist 0x01
,0x01
q)enlist 1h
,1h
q)enlist 1i
,1i
q)enlist 1
,1
q)enlist 1.5
,1.5
q)enlist 2f
,2f
q)enlist "a"
,"a"
q)enlist `a
,`a
q)enlist enlist 1
,,1
q)enlist 1 2 3
,1 2 3
q)enlist "abc"
,"abc"

// empty typed lists
q)`long$()
`long$()
q)til 0
`long$()
q)0#1i
`int$()
q)0#1h
`short$()
q)0#1.5
`float$()
q)0#1e
`real$()
q)0#1b
`boolean$()
q)0#0x01
`byte$()
q)0#`a
`symbol$()
q)0#"a"
""
q)`symbol$()
`symbol$()

// floats: 7 significant digits by default
q)3.14159265
3.141593
q)1%3
0.3333333
q)2%3
0.6666667
q)100.0
100f
q)1234567.0
1234567f
q)123.456
123.456
q)0.1
0.1
q)0.001
0.001
q)0.0001
0.0001
q)0.00001
1e-05
q)1e10
1e+10
q)123456789.0
1.234568e+08
q)1e-8
1e-08
q)0.1 0.01 0.001
0.1 0.01 0.001
q)2.5 1e10
2.5 1e+10
q)0.5*1 2 3
0.5 1 1.5
q)exp -4.2 0 0.1
0.01499558 1 1.105171
q)\P 3
q)1%3
0.333
q)3.14159265
3.14
q)\P 10
q)1%3
0.3333333333
q)\P 7
q)1%3
0.3333333

// mixed and nested lists, one item per line
q)(1;2.5;`a;"b";"cd")
1
2.5
`a
"b"
"cd"
q)(1 2;"ab")
1 2
"ab"
q)(1;(2;3 4))
1
(2;3 4)
q)((1;2);3)
1 2
3
q)(1 2;3 4 5)
1 2
3 4 5
q)enlist (1;`a)
,(1;`a)
q)(`a;1 2)
`a
1 2
q)(1 2;30 4)
1  2
30 4
q)(100 2 3;4 50 6)
100 2  3
4   50 6
q)(0 1 2;1 2 3 4;7 8 9)
0 1 2
1 2 3 4
7 8 9

// functions and the generic null
q){x+y}
{x+y}
q){[a;b] a+b}
{[a;b] a+b}
q)::
q)(::)
q)(::)1
1

// dictionaries align their keys
q)`a`bbb`cc!1 2 3
a  | 1
bbb| 2
cc | 3
q)`a`b`c`x!(1;2 3;4;5)
a| 1
b| 2 3
c| 4
x| 5
