// error names, console behaviour, JSON and system commands
q)1+`a
'type
q)1 2+1 2 3
'length
q){x+y}[1;2;3]
'rank
q)nosuchvar
'nosuchvar
q)`a`b!1 2 3
'length
q)til -1
'domain
q)2020.01.01
2020.01.01
q)12:30
12:30
q)system "ls"
'access
q)hopen 5000
'access
q)read0 `:file.txt
'access
q)f:{f x};f 1
'stack
q)l:1 2 3;l[5]:1
'index
q)l:1 2 3;l[0]:`a
'type
q)'`oops
'oops
q)1+2;
q)a:5
q)(a:6)
6
q).j.j 1 2 3
"[1,2,3]"
q).j.j 2.5
"2.5"
q).j.j 1b
"true"
q).j.j 010b
"[false,true,false]"
q).j.j "abc"
"\"abc\""
q).j.j `abc
"\"abc\""
q).j.j `a`b
"[\"a\",\"b\"]"
q).j.j `a`b!1 2
"{\"a\":1,\"b\":2}"
q).j.j (1;"x";`y)
"[1,\"x\",\"y\"]"
q).j.j (1 2;3 4)
"[[1,2],[3,4]]"
q).j.j ()
"[]"
q).j.j `long$()
"[]"
q).j.j 0n
"null"
q).j.j ([]a:1 2;b:`x`y)
"[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]"
q).j.j enlist 5
"[5]"
q).j.j ("ab";"cd")
"[\"ab\",\"cd\"]"
q).j.k "[1,2,3]"
1 2 3f
q).j.k "{\"a\":1,\"b\":[true,false]}"
a| 1f
b| 10b
q).j.k "\"hi\""
"hi"
q).j.k "null"
0n
q)-1 .j.j `a`b!(1 2;"s");
{"a":[1,2],"b":"s"}
q)show 1 2 3
1 2 3
q)0N!1 2;
1 2
q).Q.s1 (1;`a)
"(1;`a)"
q)\P 3
q)2%3
0.667
q)\P
3i
q)\P 7
q)2%3
0.6666667
q)1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30
1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29..
q)1 2 3 / a trailing comment
1 2 3
q)/ a whole-line comment
q)-2 "to stderr";
q){x}
{x}
q)+
+
q)`long$()
`long$()
q)0#0.5
`float$()
q)0#"a"
""
q)0#`a
`symbol$()
q)0#0b
`boolean$()
q)(1;2.5)
1
2.5
q)(`a;1 2)
`a
1 2
q)enlist (1;`a)
,(1;`a)
q)2 2#1 2 3 4
1 2
3 4
