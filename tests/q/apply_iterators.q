// iterators, compose and variadic keywords (issue #4 conformance pass, area qapply):
// cases from the KX pages ref/compose, ref/maps, basics/variadic, ref/accumulators

// the compose operator with elided functions is a binary value: fold it over functions
q)ff:{[w;x;y;z]w+x+y+z}
q)f:{2*x}
q)g:10*
q)d:('[f;ff])
q)d[1;2;3;4]
20
q)dd:('[;]) over (g;f;ff)
q)dd[1;2;3;4]
200
q)(('[;])over (g;f;ff))[1;2;3;4]
200
q)'[;]/[(g;f;ff)][1;2;3;4]
200
q)('[;])[neg;til] 3
0 -1 -2
q)'[;til][neg] 3
0 -1 -2

// deltas is Subtract Each Prior, unary and binary
q)deltas
-':
q)deltas[15 27 93]
15 12 66
q)deltas[10;15 27 93]
5 12 66
q)type
@:

// the vector case of each with dictionaries: different key counts are a length error
q)0 2 0'[`a`b`c!"abc";"xyz";"123";`a`b`c!"789"]
"a2c"
q)0 2 0'[`a`b`c!"abc";"xyz";"123";`a`b!"78"]
'length
q)0 2 0'[`a`b`c!"abc";"xyz";"123";`b`a`c!"789"]
'domain

// over with several lists: they must agree in length
q){x+y}/[0;1 2 3;1 2]
'length
q){x+y*z}/[1000;5 10 15 20;2 3 4 5]
1200

// 0x0 vs: the bytes of an atom
q)(0x0\:)3.14156
0x400921ea35935fc4
q)0x0 vs 256
0x0000000000000100
q)0x0 vs 1i
0x00000001
q)0x0 vs 258h
0x0102

// a list of symbol vectors of one length prints as a bare matrix
q)a:`Kuh`Hund`Katte`Fisch
q)b:`vache`chien`chat`poisson
q)c:`cow`dog`cat`fish
q)show m:(a;b;c)
Kuh   Hund  Katte Fisch
vache chien chat  poisson
cow   dog   cat   fish
q)(`a`b;`c`d`e)
`a`b
`c`d`e
