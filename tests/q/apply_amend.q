// application and amend (issue #4 conformance pass, area qapply): cases from the KX
// pages ref/assign, ref/amend, ref/identity, ref/compose, basics/function-notation

// an amended general list whose items become atoms of one type is a typed vector
q)s:(1;2f;3)
q)s
1
2f
3
q)s[1]:4
q)s
1 4 3
q)type s
7h
q)s[1]:5f
'type
q)@[(1;`a;3);1;:;2]
1 2 3
q)d:`a`b!(1;`x)
q)d[`b]:2
q)type value d
7h

// a typed vector takes only its own atoms: no silent widening to a general list
q)@[1 2; ::; 3 4*]
'type
q)@[1 2; ::; *; 3 4]
3 8
q)@[(1 2;4 5); ::; ,; 3 6]
1 2 3
4 5 6
q)@[1 2 3;0;:;1 2]
'type
q)@[(1 2;3 4);0;:;5 6 7]
5 6 7
3 4
q)@[(0 1 2;1 2 3 4;7 8 9) ;0 1 2 1; 100*]
0 100 200
10000 20000 30000 40000
700 800 900

// a trailing :: after a noun is the identity
q)q:3 ::
q)q~3
1b
q)1 2 3 ::
1 2 3
q)3[::]
'type

// a name assigned in a lambda is local from the start: before the assignment it is ()
q)t:([]0 1)
q){if[x;t:([]`a`b)];select from t} 1b
x
-
a
b
q){if[x;t:([]`a`b)];select from t} 0b
'type
q)r:42
q){if[x;r:1];r} 0b
()
q){if[x;r:1];r} 1b
1
q)v:10 20 30
q){v[1]:0;v}[]
10 0 30
q)v
10 0 30

// a stray closing bracket is named in the parse error, as q does
q)@[2+;"42";`err]
`err
q)@[2+;"42";{)}]
')
q)(1;2]
']

// a dictionary with the sorted attribute is a step function when indexed
q)d:`cat`cow`dog`sheep!`chat`vache`chien`mouton
q)d `sheep`snake`cat`ant
`mouton``chat`
q)ds:`s#d
q)ds~d
1b
q)ds `sheep`snake`cat`ant
`mouton`mouton`chat`
q)d `sheep`snake`cat`ant
`mouton``chat`
q)e:(10*til 10)!til 10
q)e 80 35 20 -10
8 0N 2 0N
q)es:`s#e
q)es~e
1b
q)es 80 35 20 -10
8 3 2 0N
q)es 35
3
// attributes are checked as q checks them
q)`s#3 1 2
's-fail
q)`s#1 2 3
1 2 3
q)`u#1 1
'u-fail
q)`u#1 2
1 2
q)`a`b#`a`b`c!1 2 3
a| 1
b| 2
