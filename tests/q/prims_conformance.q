// Behaviours from the KX reference pages fixed in the qprims conformance pass.
// Expected outputs are those the KX pages show.

// a list of dictionaries with the same symbol keys is a table
q)(`a`b!1 2;`a`b!3 4)
a b
---
1 2
3 4
q)t:flip d:`a`b!(10 21 3;4 5 6)
q)k:`k xkey update k:`abc`def`ghi from t
q)avgs t
a        b
------------
10       4
15.5     4.5
11.33333 5
q)mins t
a  b
----
10 4
10 4
3  4
q)prds t
a   b
-------
10  4
210 20
630 120
q)prds k
k  | a   b
---| -------
abc| 10  4
def| 210 20
ghi| 630 120
q)2 mmin k
k  | a  b
---| ----
abc| 10 4
def| 10 4
ghi| 3  5
q)2 mavg k
k  | a    b
---| --------
abc| 10   4
def| 15.5 4.5
ghi| 12   5.5
q)t*\:1.15 1
a     b
-------
11.5  4
24.15 5
3.45  6

// keyed-table arithmetic matches rows by key
q)k:`k xkey update k:`abc`def`ghi from t:flip d:`a`b!(10 -21 3;4 5 -6)
q)k+k
k  | a   b
---| -------
abc| 20  8
def| -42 10
ghi| 6   -12
q)k-k
k  | a b
---| ---
abc| 0 0
def| 0 0
ghi| 0 0
q)k*k
k  | a   b
---| ------
abc| 100 16
def| 441 25
ghi| 9   36
q)k%k
k  | a b
---| ---
abc| 1 1
def| 1 1
ghi| 1 1
q)d-`b`c!(10 20 30;1000*1 2 3)
a| 10    -21   3
b| -6    -15   -36
c| -1000 -2000 -3000
q)d<=5
a| 011b
b| 111b

// avg, mavg, wavg, mmin, cor with nulls
q)avg (1;0n;2;3)
1.5
q)0 mavg 2 3
0n 0n
q)2 0N 4 5 wavg 1 2 0N 8
6f
q)3 mmin 0N -3 -2 1 -0W 0
0N 0N 0N -3 -0W -0W
q)3 mmin 0N -3 -2 1 0N -0W
0N 0N 0N -3 0N 0N
q)1 3 0N cor 1 3 9
1f

// var and svar of a matrix and a table, column by column
q)m:(2 3;4 0N;1 7)
q)var m
1.555556 4
q)svar m
2.333333 8
q)var flip`a`b!flip m
a| 1.555556
b| 4
q)svar flip`a`b!flip m
a| 2.333333
b| 8
q)dev m
1.247219 2

// key on a name
q)D:`q`w`e!(1 2;3 4;5 6)
q)key `D
`q`w`e
q)()~key`nosuchname
1b
q)xa:1
q)key`xa
`xa
q)key`..xa
`..xa

// bin on dictionaries, tables and keyed tables
q)(`a`b`c!0 2 4) bin -1 3
``b
q)t:([]a:`p`p`p`q`q`q;b:0 2 4 0 2 4)
q)t bin `a`b!(`p;3)
1
q)t bin ([]a:`q;b:-1 1 3 5)
0N 3 4 5
q)t bin `a`b!(`r;2)
0N
q)kt:([k:`c`d`e`f`g`h`j`l]a:`p`p`q`q`p`p`q`q;b:0 1 0 1 0 1 0 1;c:3 3 3 3 7 7 7 7)
q)(kt bin ([]a:`p`q`q`r;b:1;c:4 8 2 4))`k
`d`l``

// in compares by item depth
q)1 2 in (9;(1 2;3 4))
00b
q)3 in (1 2;3)
0b
q)3 in (3;1 2)
1b
q)1 2 in (1 2;9)
1b
q)1 2 in ((1 2;3 4);9)
0b
q)1 2. in 0#2
'type
q)1 2. in 2#2
'type
q)1 2. in 1#2
01b

// find with a general list on the right looks up each item
q)u:("abcde";10 2 -6;(2 3;`ab))
q)u?(2 3;`ab)
3 3
q)u?10 2 -6
1

// drop: a dictionary less a list, a table less a name, are type errors
q)(`a`b`c!1 2 3) _ `a`b
'type
q)t _ `a
'type

// string of a dictionary and a table
q)string `a`b`c!2002 2004 2010
a| "2002"
b| "2004"
c| "2010"
q)string ([]a:1 2 3;b:`ibm`goog`aapl)
a    b
-----------
,"1" "ibm"
,"2" "goog"
,"3" "aapl"

// trim into nested lists and table columns; nested rows print as a matrix
q)trim(("fox";("jumps ";"over   "));("a";"dog "))
"fox" ("jumps";"over")
"a"   "dog"
q)ltrim`a`b!(("fox";("jumps ";"over   "));("a";"dog "))
a| "fox" ("jumps ";"over   ")
b| "a"   "dog "
q)rtrim ([]a:("fox";("jumps ";"over   "));b:("a";"dog "))
a                b
----------------------
"fox"            "a"
("jumps";"over") "dog"

// small forms
q)ceiling 01b
0 1i
q)98|"a"
"b"
q)98&"c"
"b"
q)s:"toronto ontario"
q)ssr[s;"t?r";upper]
"TORonto onTARio"
q)0x03 sv 0x02 vs 0x0102010201
0x0103010301
q)0x0 vs 3.1415
0x400921cac083126f
q)"I"$"192.168.1.34"
-1062731486i

// moved from pending/lib_lists.q: strings sort lexicographically, a char as a one-char string
q)asc ("ab";"aa";"b")
"aa"
"ab"
"b"
q)iasc ("ab";"aa";"b")
1 0 2

// GUIDs: parsed from hex, IPv4 and IPv6 text; 128 bits make one
q)"G"$"8c6b8b64-6815-6084-0a3e-178401251b68"
8c6b8b64-6815-6084-0a3e-178401251b68
q)"G"$"192.0.2.1"
00000000-0000-0000-0000-ffffc0000201
q)"G"$"2001:0DB8:85A3:0000:0000:8A2E:0370:7334"
20010db8-85a3-0000-0000-8a2e03707334
q)"G"$"2001:0DB8:85A3::8A2E:0370:7334"
20010db8-85a3-0000-0000-8a2e03707334
q)"G"$"::8A2E:0370:7334"
00000000-0000-0000-0000-8a2e03707334
q)"G"$"::FFFF:192.0.2.1"
00000000-0000-0000-0000-ffffc0000201
q)"G"$"::FFFF:c000:201"
00000000-0000-0000-0000-ffffc0000201
q)0b sv 10001100011010111000101101100100011010000001010101100000100001000000101000111110000101111000010000000001001001010001101101101000b
8c6b8b64-6815-6084-0a3e-178401251b68
q)type "G"$"x"
-2h
q)"G"$("::1";"x")
00000000-0000-0000-0000-000000000001 00000000-0000-0000-0000-000000000000
q)0#"G"$enlist"x"
`guid$()
q)string "G"$"::1"
"00000000-0000-0000-0000-000000000001"

// the running keywords print as the derived functions q defines them as, and take a seed
q)deltas
-':
q)sums
+\
q)deltas[10;15 27 93]
5 12 66
q)sums[10;1 2 3]
11 13 16
q)ratios[2;4 8 16]
2 2 2f
q)deltas 1 4 9
1 3 5

// inter of dictionaries: the values they share; vectors of one length print as a matrix
q)x:(`a`b)!(1 2 3;`x`y`z)
q)y:(`a`b`c)!(1 2 3;2 3 5;`x`y`z)
q)x inter y
1 2 3
x y z

// select ... by lists the groups in key order; several by-columns group on their rows;
// numbers nested in a table cell print without their type letter (deltas page)
q)t:([]sym:`GOOG`AAPL`AAPL`GOOG`AAPL`GOOG; price:51 54 54 52 53 53)
q)select movement:signum deltas price by sym from t
sym | movement
----| --------
AAPL| 1 0 -1
GOOG| 1 1 1
q)ungroup select movement:1_ signum deltas price by sym from t
sym  movement
-------------
AAPL 0
AAPL -1
GOOG 1
GOOG 1
q)select count i by sym, movement from ungroup select movement:1_ signum deltas price by sym from t
sym  movement| x
-------------| -
AAPL -1      | 1
AAPL 0       | 1
GOOG 1       | 2

// 0N?x permutes (it overflowed negating the null)
q)asc 0N?10
0 1 2 3 4 5 6 7 8 9
q)asc 0N?5 4 2
2 4 5
q)g:"G"$("::1";"::2";"::1")
q)g=first g
101b
q)g<g 1
101b
q)g+1
'type
q)g?g 1
1
