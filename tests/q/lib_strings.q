// strings: display, string, case, trim, vs, sv, ssr, ss, like

// display of chars and strings
q)"a"
"a"
q)"abc"
"abc"
q)enlist "a"
,"a"
q)""
""
q)" "
" "
q)"a\"b"
"a\"b"
q)"a\\b"
"a\\b"
q)"line\nnext"
"line\nnext"
q)"tab\there"
"tab\there"
q)("ab";"cd")
"ab"
"cd"
q)("a";"bc")
"a"
"bc"
q)(enlist "a";"bc")
,"a"
"bc"
q)count "hello"
5
q)"hello" 1
"e"
q)"hello" 1 2
"el"
q)"abcdef"[1 4 3]
"bed"
q)reverse "hello"
"olleh"
q)-3#"hello"
"llo"
q)"abc"~"abc"
1b
q)"abc"~"abd"
0b
q)"abc"="abd"
110b
q)"abc" in "cat"
101b
q)"abc",'"xyz"
"ax"
"by"
"cz"

// string
q)string 123
"123"
q)string 2
,"2"
q)string -5
"-5"
q)string `abc
"abc"
q)string 1 23
,"1"
"23"
q)string `a`bc
,"a"
"bc"
q)string 1b
,"1"
q)string 3.5
"3.5"
q)string "cat"
,"c"
,"a"
,"t"
q)string {x*x}
"{x*x}"
q)"x",string 5
"x5"
q)"." sv string 192 168 1 23
"192.168.1.23"

// case and trim
q)lower "IBM"
"ibm"
q)upper "ibm"
"IBM"
q)lower "MiXeD 123"
"mixed 123"
q)lower `IBM
`ibm
q)upper `ibm`msft
`IBM`MSFT
q)trim "  ab  "
"ab"
q)ltrim "  ab  "
"ab  "
q)rtrim "  ab  "
"  ab"
q)trim "abc"
"abc"

// vs and sv
q)"," vs "ab,cd"
"ab"
"cd"
q)"," vs "a,b,c"
,"a"
,"b"
,"c"
q)" " vs "the quick fox"
"the"
"quick"
"fox"
q)"::" vs "ab::cd::ef"
"ab"
"cd"
"ef"
q)"," sv ("one";"two";"three")
"one,two,three"
q)", " sv ("one";"two";"three")
"one, two, three"
q)" " sv ("a";"b")
"a b"
q)10 sv 2 3 5 7
2357
q)10 vs 2357
2 3 5 7
q)2 vs 5
1 0 1
q)2 sv 1 0 1
5
q)100 sv 2010 3 17
20100317
q)0 24 60 60 sv 2 3 5 7
183907
q)` sv `quick`brown`fox
`quick.brown.fox

// ssr, ss, like
q)ssr["hello";"l";"L"]
"heLLo"
q)ssr["Hello word!";"rd";"rld"]
"Hello world!"
q)ssr["aaa";"a";"bb"]
"bbbbbb"
q)"hello" ss "l"
2 3
q)"We the people of the United States" ss "the"
3 17
q)"abcabc" ss "bc"
1 4
q)"hello" like "h*"
1b
q)"hello" like "h?llo"
1b
q)"hello" like "*z*"
0b
q)"hello" like "hello"
1b
q)("ab";"cd";"ax") like "a*"
101b
q)`quick like "qu?ck"
1b
q)`brown like "br[ao]wn"
1b
q)`quickly like "quick*"
1b
q)`quick like "quickish"
0b
