// iterators, application and amend: cases from the KX reference pages
// vector conditional: item k comes from argument i[k]
q)0 1 0'["abc";"xyz"]
"ayc"
q)0 2 0'["abc";"xyz";"123";"789"]
"a2c"
q)0 1 0'["a";"xyz"]
"aya"
q)0 2 0'[`a`b`c!"abc";"xyz";"123";`a`b`c!"789"]
"a2c"
q)0 2 0'[`a`b`c!"abc";"xyz";"123";`b`a`c!"789"]
'domain
// over and scan of a lambda on an empty list give the generic empty list
q)mt:0#0
q)type each (mt;*/[mt];{x*y}/[mt])
7 -7 0h
q)type each (mt;*\[mt];{x*y}\[mt])
7 -7 0h
q)()~({x+y}/)mt
1b
q)type 1 0 3h/[til 0]
5h
// () is the identity of join
q)(,\)2 3 4
,2
2 3
2 3 4
q)(,':)2 3 4
2
3 2
4 3
// a derived over iterated unary converges
q)n:("the ";("quick ";"brown ";("fox ";"jumps ";"over ");"the ");("lazy ";"dog."))
q)(,/)over n
"the quick brown fox jumps over the lazy dog."
// a list as a binary map folds
q)0 (3 3#0 1 2 2 0 1 1 2 0)/1 2
1
q)0 (3 3#0 1 2 2 0 1 1 2 0)\1 2
1 1
// iterators applied with brackets
q)'[count][("The";"quick";"brown";"fox")]
3 5 5 3
q);/[+]til 5
10
q);\[+][til 5]
0 1 3 6 10
q);\[+][1000;til 5]
1000 1001 1003 1006 1010
// compositions from a verb with a left argument and a trailing verb
q)x:-100 2 3 4 -100 6 7 8 9 -100
q)0 (0|+)\x
0 2 5 9 0 6 13 21 30 0
// lists with elided items are projections
q)("the";"quick";;"fox")"brown"
"the"
"quick"
"brown"
"fox"
q)("the";;;"fox") . ("quick";"brown")
"the"
"quick"
"brown"
"fox"
q)5(`f;)\1
1
(`f;1)
(`f;(`f;1))
(`f;(`f;(`f;1)))
(`f;(`f;(`f;(`f;1))))
(`f;(`f;(`f;(`f;(`f;1)))))
// a cube prints a row a line
q){x,/:\:x}til 3
0 0 0 1 0 2
1 0 1 1 1 2
2 0 2 1 2 2
// mmu with a vector on the right
q)3 ((0 1f;1 1f) mmu)\1 1f
1 1
1 2
2 3
3 5
q)(0 1f;1 1f) mmu 1 1f
1 2f
// amend with an empty path applies the map to the whole
q).[1 2; (); 3 4 5]
4 5
// :: on a local assigns the local
q)b:42
q){[a;b]b::99;a+b}[10;20]
109
q)b
42
// identity applied, atoms are not applicable
q)(::;avg)@\:1 2 3
1 2 3
2f
q)3[::]
'type
q).Q.a
"abcdefghijklmnopqrstuvwxyz"
q)show m:4 3#.Q.a
"abc"
"def"
"ghi"
"jkl"
q)m[3 1;1]
"ke"
// a train whose right part ends in a verb composes
q)inc:1+
q)inc\[105>sum@;84 20]
84 20
85 21
// symbols apply the function they name
q)f:{x+y*3}
q)`f[5;3]
14
q)`f . 5 3
14
q)g:`f[5;]
q)`g 3
14
q)ssr . ("Hello word!";"rd";"rld")
"Hello world!"
q)enlist {x}[]
::
