// type, casts ($ with a char, symbol or short on the left) and parses (upper-case char)

// type numbers
q)type 1b
-1h
q)type 0x01
-4h
q)type 1h
-5h
q)type 1i
-6h
q)type 1
-7h
q)type 1e
-8h
q)type 1.5
-9h
q)type "a"
-10h
q)type `a
-11h
q)type 101b
1h
q)type 0x0102
4h
q)type 1 2h
5h
q)type 1 2i
6h
q)type 1 2
7h
q)type 1 2e
8h
q)type 1 2f
9h
q)type "ab"
10h
q)type `a`b
11h
q)type (1;`a)
0h
q)type ()
0h
q)type (1 2;3 4)
0h
q)type `a`b!1 2
99h
q)type ([]a:1 2)
98h
q)type {x}
100h
q)type (+)
102h
q)type 1+1
-7h
q)key 0#5
`long
q)key each ("abc";101b;1 2 3h;1 2 3i;1 2 3;1 2 3f)
`char`boolean`short`int`long`float

// casts between numeric types
q)"i"$10
10i
q)`int$3.7
4i
q)"j"$3.7
4
q)"j"$-3.7
-4
q)`long$1.2
1
q)type "j"$1.5
-7h
q)"f"$1 2
1 2f
q)`float$3
3f
q)"e"$1.5
1.5e
q)`short$100
100h
q)"h"$5
5h
q)"b"$1 0 2
101b
q)`boolean$0
0b
q)"j"$1b
1
q)"j"$0n
0N
q)"f"$0N
0n

// chars, bytes and symbols
q)"c"$97
"a"
q)"c"$97 98
"ab"
q)"c"$65+til 3
"ABC"
q)"j"$"a"
97
q)"j"$"ab"
97 98
q)"i"$"a"
97i
q)`float$"AC"
65 67f
q)"x"$3 4 5
0x030405
q)"x"$"abc"
0x616263
q)`$"abc"
`abc
q)`$("a";"bc")
`a`bc

// parsing strings
q)"J"$"42"
42
q)"J"$"-7"
-7
q)"I"$"42"
42i
q)"F"$"1.5"
1.5
q)"F"$"2"
2f
q)"E"$"3.14"
3.14e
q)"J"$("1";"23")
1 23
q)"J"$"abc"
0N
q)"S"$"hello"
`hello
q)"H"$"32768"
0Nh
q)"I"$"2147483648"
0Ni

// bad casts
q)`long$`a
'type
