// lambdas, projections, application, assignment, locals and globals, control flow, recursion

// lambdas and application
q){x*x}4
16
q){x*x}[4]
16
q){x*x} 1 2 3
1 4 9
q){x+y}[1;2]
3
q){x+y+z}[1;2;3]
6
q){z}[1;2;3]
3
q){y}[1;2]
2
q){[a;b] a-b}[10;3]
7
q){[a;b;c;d] a+b+c+d}[1;2;3;4]
10
q){{x*2} x+1}[3]
8
q){x - 2} 5 3
3 1
q)f:{x+1}
q)f
{x+1}
q)f 41
42
q)f[41]
42
q)f@41
42
q)type f
100h
q){}[]
q){x}
{x}

// projections
q)g:{x+y}[10]
q)g 5
15
q)h:{x-y}[;1]
q)h 10
9
q)h
{x-y}[;1]
q)type g
104h
q)f3:{x+y*z}
q)f3[2;3;4]
14
q)p:f3[2;;4]
q)p 3
14
q)(f3 . 2 3) 4
14
q)double:2*
q)double 5
10
q)halve:%[;2]
q)halve 10
5f
q)+[2;3]
5
q)(+) . 2 3
5
q).[+;2 3]
5
q)@[neg;3]
-3
q)(+/)[1000;til 5]
1010
q)count . enlist 1 4 3
3

// assignment
q)a:42
q)a
42
q)a:b:5
q)a
5
q)b
5
q)a+:1
q)a
6
q)a-:2
q)a
4
q)a*:10
q)a
40
q)1+c:10
11
q)c
10
q)x:10
q)(x+5;x:20;x-5)
25 20 5
q)x
20
q)v:til 5
q)1+v[2]+:5
8
q)v
0 1 7 3 4

// locals do not leak; :: assigns a global
q)loc:{zz:x*2; zz+1}
q)loc 5
11
q)zz
'zz
q)glob:{yy::x*2; yy+1}
q)glob 5
11
q)yy
10
q)ff:{a : 10; : x + a; a : 20}
q)ff[5]
15

// statements on one line: the value of the last is shown
q)a:1; b:2; a+b
3
q)1; 2
2
q)1+1;
q)3+4 / a trailing comment
7
q)/ a comment line
q)count"2/3"
3

// $[c;t;f] with many branches
q)$[1b;`true;`false]
`true
q)$[0b;`true;`false]
`false
q)$[1b;`true;1b;`foo]
`true
q)$[0b;`true;1b;`foo]
`foo
q)$[0b;`true;0b;`foo]
q){$[x>0;1;x<0;-1;0]}'[0 3 -9]
0 1 -1
q){$[x=1;`one;x=2;`two;x=3;`three;`many]} each 1 2 3 4
`one`two`three`many
q)$[1b;[k:1;k+1];0]
2

// if, do, while, early return
q)r:0
q)if[1b;r:5]
q)r
5
q)if[0b;r:6]
q)r
5
q)do[3;r+:1]
q)r
8
q)i:0
q)while[i<5;i+:1]
q)i
5
q){r:1; do[x; r*:2]; r}[10]
1024
q){while[x>1; x:x div 2]; x}[100]
1
q){if[x>5; :`big]; `small}[10]
`big
q){if[x>5; :`big]; `small}[3]
`small
q){r:(); i:0; while[i<3; r,:i; i+:1]; r}[]
0 1 2
q){s:0; do[count x; s+:x 0; x:1_x]; s}[1 2 3 4]
10

// recursion
q)fact:{$[x<2;1;x*.z.s x-1]}
q)fact 5
120
q)fact 20
2432902008176640000
q)fib:{$[x<2;x;fib[x-1]+fib x-2]}
q)fib 10
55
q)fib each til 10
0 1 1 2 3 5 8 13 21 34
q)gcd:{$[y=0;x;.z.s[y;x mod y]]}
q)gcd[12;18]
6
q)gcd/[12 18 30]
6
q)hanoi:{$[x=0;0;1+2*.z.s x-1]}
q)hanoi 10
1023

// value of a string
q)value "1+2"
3
q)value "til 3"
0 1 2
