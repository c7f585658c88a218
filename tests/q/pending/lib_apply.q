// apply and index: @ and . with one, two and four arguments, indexing at depth, elided indexes
// @ applies a function to one argument, or indexes at the top level
q)d:`cat`cow`dog`sheep!`chat`vache`chien`mouton
q)(::;avg)@\:1 2 3
1 2 3
2f
q)m:4 5#"abcdefghijklmnopqrst"
q)m[3;]
"pqrst"
q)m[;1]
"bglq"
q)d:((1 2 3;4 5 6 7);(8 9;10;11 12);(13 14;15 16 17 18;19 20))
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
