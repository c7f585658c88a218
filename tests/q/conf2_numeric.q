// conf2: matrices of numeric vectors, aggregates over tables and dictionaries, casts, sv
q)(1 2f;10.5 20)
1    2
10.5 20
q)`int$(neg\)6.1 6.6
6  7
-6 -7
q)-7 7 mod/:\:-2.5 -2 2 2.5
-2   -1 1 0.5
-0.5 -1 1 2
q)all ()
1b
q)any ()
0b
q)all ([] c1:1 2 3; c2:0n 0w -0w; c3:0 1 2f)
c1| 1
c2| 1
c3| 0
q)`float$0Wh
32767f
q)`$"   IBM   "
`IBM
q)(`int;"i";6h)$10
10 10 10i
q)0b sv 16#1b
-1h
q)0b sv 8#1b
0xff
q)0x0 sv "x" $128 255
-32513h
q)0x0 sv "x" $0 64 128 255
4227327i
q)k:`k xkey update k:`abc`def`ghi from t:flip d:`a`b!(10 -21 3;4 5 -6)
q)med d
7 -8 -1.5
q)med t
a| 3
b| -6
q)med k
a| 3
b| -6
q)d:`a`b!(10 21 3;4 5 6)
q)ratios d
a| 10  21        3
b| 0.4 0.2380952 2
q)ratios flip d
a         b
--------------
10        4
2.1       1.25
0.1428571 1.2
q)([]s:`IBM`MSFT)cross([]v:1 2)
s    v
------
IBM  1
IBM  2
MSFT 1
MSFT 2
