// lambdas, projections, iterators, control flow, assignment
q)f:{x+y}
q)f[1;2]
3
q)f[1]
{x+y}[1]
q)f[1] 5
6
q)g:{[a;b;c]a*b+c}
q)g[2;3;4]
14
q){x*x} 4
16
q){x}[]
q){1+x}each 1 2 3
2 3 4
q){x+y}/[1 2 3]
6
q){x+y}\[1 2 3]
1 3 6
q)+/[10;1 2 3]
16
q)+\[1 2 3]
1 3 6
q)(+/) 1 2 3
6
q)1 2 3+/:10 20
11 12 13
21 22 23
q)1 2+\:10 20
11 21
12 22
q)-':[1 4 9]
1 3 5
q){x*2}/[3;1]
8
q){x*2}\[3;1]
1 2 4 8
q){x<100}{x*2}/1
128
q){$[x>1;x*.z.s x-1;1]} 5
120
q)fib:{$[x<2;x;fib[x-1]+fib x-2]}
q)fib 15
610
q)$[1b;`yes;`no]
`yes
q)$[0b;`yes;`no]
`no
q)$[0;`a;1;`b;`c]
`b
q)$[0;`a;0;`b;`c]
`c
q)r:0;i:0
q)while[i<5;r+:i;i+:1]
q)r
10
q)n:0
q)do[3;n+:2]
q)n
6
q)if[1b;v:7]
q)v
7
q){if[x>0;:`pos];`nonpos} 5
`pos
q){if[x>0;:`pos];`nonpos} -5
`nonpos
q){a:x+1;a*2} 3
8
q)a:1
q){a:5;a} 0
5
q)a
1
q){a::9} 0
9
q)a
9
q)h:{[x;y]x-y}
q)h[;1] 10
9
q)k:h[10]
q)k 4
6
q)count each ("ab";"cde")
2 3
q)max each (1 2;5 3)
2 5
q)f:{x,y}
q)f/[(1 2;3;4 5)]
1 2 3 4 5
q)(til 3) {x+y}' 10 20 30
10 21 32
q){x,y}'[1 2;3 4]
1 3
2 4
q)l:1 2 3
q)l[0]+:10
q)l
11 2 3
q)l[0 1]:0
q)l
0 0 3
q)m:(1 2;3 4)
q)m[1;0]:9
q)m
1 2
9 4
q)@[1 2 3;1;10*]
1 20 3
q)@[1 2 3;0 2;:;9]
9 2 9
q).[(1 2;3 4);0 1;+;10]
1 12
3 4
q)@[{x+1};1;`err]
2
q)@[{x+`a};1;{"caught ",x}]
"caught type"
q).[{x+y};1 2;`err]
3
q).[{x+y};(1;`a);{x}]
"type"
q)value "1+2"
3
q)value "a:42;a"
42
q)value `a`b!1 2
1 2
q)g:`f
q)(+) . 1 2
3
q){x+y} . 3 4
7
q)(+)[1;2]
3
q)+[1;2]
3
q)@[til 5;2]
2
q)'`custom
'custom
q){'"bad"} 0
'bad
q)t:{x};t 5
5
q)compose:('[neg;abs])
q)compose -5
-5
