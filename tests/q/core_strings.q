// strings, symbols, casts
q)string 42
"42"
q)string `abc
"abc"
q)string 1 2 3
,"1"
,"2"
,"3"
q)string 2.5
"2.5"
q)lower "HeLLo"
"hello"
q)upper "abc"
"ABC"
q)upper `abc
`ABC
q)trim "  ab  "
"ab"
q)ltrim "  ab  "
"ab  "
q)rtrim "  ab  "
"  ab"
q)"," vs "a,b,c"
,"a"
,"b"
,"c"
q)"," sv ("a";"b";"c")
"a,b,c"
q)"-" sv ("ab";"cd")
"ab-cd"
q)ssr["hello world";"o";"0"]
"hell0 w0rld"
q)"hello" ss "l"
2 3
q)"abcabc" ss "bc"
1 4
q)"hello" like "h*"
1b
q)"hello" like "h?llo"
1b
q)"hello" like "H*"
0b
q)`abc like "a*"
1b
q)`$"abc"
`abc
q)`$("a";"bc")
`a`bc
q)"J"$"42"
42
q)"F"$"2.5"
2.5
q)"J"$("1";"22")
1 22
q)`int$3.7
4i
q)`long$2.5
3
q)`float$1 2
1 2f
q)"i"$1.2
1i
q)`char$97
"a"
q)`long$"a"
97
q)`boolean$0 1 2
011b
q)`short$5
5h
q)10 vs 123
1 2 3
q)2 vs 5
1 0 1
q)10 sv 1 2 3
123
q)2 sv 1 0 1
5
q)count "hello"
5
q)reverse "hello"
"olleh"
q)"hello"[1]
"e"
q)"hello" 0 4
"ho"
q)"abc" in "cde"
001b
q)distinct "mississippi"
"misp"
q)asc "banana"
"aaabnn"
q)5$"ab"
"ab   "
q)-5$"ab"
"   ab"
q)`a`b`c
`a`b`c
q)`$"a b"
`a b
q)"a\"b"
"a\"b"
q)"line\nnext"
"line\nnext"
q)-1 "line\nnext";
line
next
q)count "\t"
1
