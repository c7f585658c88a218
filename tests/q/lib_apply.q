// apply and index: @ and . with one, two and four arguments, indexing at depth, elided indexes

// @ applies a function to one argument, or indexes at the top level
q){x*x}@3
9
q)"abcdef"@1 4 3
"bed"
q)@[count;1 4 3]
3
q)d:`cat`cow`dog`sheep!`chat`vache`chien`mouton
q)d @ `cow`sheep
`vache`mouton
q)@[d;`cow`sheep]
`vache`mouton
q)d`cow`sheep
`vache`mouton
q){`o`h`l`c!(first;max;min;last)@\:x}1 2 3 4 22
o| 1
h| 22
l| 1
c| 22

// . applies a function to a list of arguments, or indexes at depth
q)(+) . 2 3
5
q).[+;2 3]
5
q){x+y*z} . 1 2 3
7
q)m:4 5#"abcdefghijklmnopqrst"
q)m[1 3]
"fghij"
"pqrst"
q)m[1 3;2 4]
"hj"
"rt"
q)m . 3 1
"q"
q)m[3;]
"pqrst"
q)m[;1]
"bglq"
q)d:((1 2 3;4 5 6 7);(8 9;10;11 12);(13 14;15 16 17 18;19 20))
q)d . 1 2
11 12
q)d . 1 2 0
11
q)d @/ 1 2 0
11
q)((d @ 1) @ 2) @ 0
11
q)count each d . (2 0; 0 1)
2 2
q)d . (::;0)
1 2 3
8 9
13 14
q)(5 2.14; "abc") . 1 2
"c"
q)(1;`a`b!(2 3 4;10 20 30 40)) . (1; `b; 2)
30

// amend with @ and . (the function is applied to each indexed item)
q)@[1 2 3 4 5; 2; :; 6]
1 2 6 4 5
q)@[1 2; ::; *; 3 4]
3 8
q)@[(1 2;4 5); ::; ,; 3 6]
1 2 3
4 5 6
q).[1 2; (); :; 3 4 5]
3 4 5
q).[1 2; (); ,; 3 4 5]
1 2 3 4 5
q).[(5 2.14; "abc"); 1 2; :; "x"]
5 2.14
"abx"
q)@[(0 1 2;1 2 3 4;7 8 9);1 1;2*]
0 1 2
4 8 12 16
7 8 9
q)@[(0 1 2;1 2 3 4;7 8 9);0 1 2 1;100*]
0 100 200
10000 20000 30000 40000
700 800 900
q)@[("ab";"cd";"ef");0 1;reverse]
"ba"
"dc"
"ef"
q)s:("quick";"";"brown";"fox")
q)@[s;where 0<count each s;,[;"..."]]
"quick..."
""
"brown..."
"fox..."
q)@[`a`b`c!1 2 3;`b;neg]
a| 1
b| -2
c| 3

// protected apply with an expression as the handler
q)@[string;42;z:100]
"42"
q)z
100
