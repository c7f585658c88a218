// printing from q: -1, show, 0N!, .Q.s1, and JSON with .j.j / .j.k

// -1 writes a line to stdout and returns -1
q)-1 "hello";
hello
q)-1 "hello"
hello
-1
q)-1 ("two";"lines");
two
lines
q)-1 "";

// show prints a value the way the console would, and returns nothing
q)show 1 2 3
1 2 3
q)show `a`b!1 2
a| 1
b| 2
q)show "abc"
"abc"

// 0N! prints its argument and returns it
q)0N!5
5
5
q)0N!1 2;
1 2

// .Q.s1: a value as a one-line string
q).Q.s1 1 2 3
"1 2 3"
q).Q.s1 enlist 1
",1"
q).Q.s1 1.5
"1.5"
q).Q.s1 2f
"2f"
q).Q.s1 `a
"`a"
q).Q.s1 (1;`a)
"(1;`a)"
q).Q.s1 `a`b!1 2
"`a`b!1 2"
q)-1 .Q.s1 "abc";
"abc"
q)-1 .Q.s1 (1 2;3 4);
(1 2;3 4)

// .j.j: a value as JSON text
q).j.j 1 2 3
"[1,2,3]"
q).j.j 42
"42"
q).j.j -1 -2
"[-1,-2]"
q).j.j 1.5
"1.5"
q).j.j 1b
"true"
q).j.j 10b
"[true,false]"
q).j.j `long$()
"[]"
q).j.j ()
"[]"
q).j.j (1 2;3 4)
"[[1,2],[3,4]]"
q)-1 .j.j "abc";
"abc"
q)-1 .j.j `abc;
"abc"
q)-1 .j.j ("ab";"cd");
["ab","cd"]
q)-1 .j.j (1;`a;"bc");
[1,"a","bc"]
q)-1 .j.j `a`b!1 2;
{"a":1,"b":2}
q)-1 .j.j enlist 5;
[5]
q)-1 .j.j enlist "a";
"a"
q)-1 .j.j `a`b;
["a","b"]

// .j.k: JSON text to a value (numbers become floats)
q).j.k "[1,2,3]"
1 2 3f
q).j.k "42"
42f
q).j.k "true"
1b
q).j.k "\"abc\""
"abc"
q).j.k "[true,false]"
10b
q)key .j.k "{\"a\":1,\"b\":2}"
`a`b
q)(.j.k "{\"a\":1,\"b\":2}")`b
2f
q).j.k "[\"ab\",\"cd\"]"
"ab"
"cd"
