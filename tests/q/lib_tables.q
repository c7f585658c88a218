// tables: display, indexing, keyed tables, select / exec / update / delete ... by ... where

q)t:([]a:1 2 3;b:`x`y`z)
q)t
a b
---
1 x
2 y
3 z
q)count t
3
q)cols t
`a`b
q)t`a
1 2 3
q)t[`b]
`x`y`z
q)t[1;`a]
2
q)t[;`a]
1 2 3
q)type t
98h
q)([]name:`Tom`Dick;age:34 42)
name age
--------
Tom  34
Dick 42
q)([]sym:`aapl`msft`goog;price:100 200 300)
sym  price
----------
aapl 100
msft 200
goog 300
q)([] sym:`aapl`msft`goog; price: 300)
sym  price
----------
aapl 300
msft 300
goog 300
q)([]p:1.5 2.25)
p
----
1.5
2.25
q)flip `a`b!(1 2;3 4)
a b
---
1 3
2 4
q)flip `sym`price`size!(`IBM`MSFT;10.2 23.45;100 100)
sym  price size
---------------
IBM  10.2  100
MSFT 23.45 100
q)flip t
a| 1 2 3
b| x y z

// select
q)select from t
a b
---
1 x
2 y
3 z
q)select from t where a>1
a b
---
2 y
3 z
q)select a from t
a
-
1
2
3
q)select b from t where a=2
b
-
y
q)select a,b from t where a<3
a b
---
1 x
2 y
q)select from t where b in `x`z
a b
---
1 x
3 z
q)select sum a from t
a
-
6
q)select max a from t
a
-
3
q)select total:sum a from t
total
-----
6
q)select from t where a>1,b=`z
a b
---
3 z

// exec
q)exec a from t
1 2 3
q)exec b from t where a>1
`y`z
q)exec sum a from t
6

// update and delete
q)update c:a*2 from t
a b c
-----
1 x 2
2 y 4
3 z 6
q)update a:a+10 from t where b=`y
a  b
----
1  x
12 y
3  z
q)t
a b
---
1 x
2 y
3 z
q)delete b from t
a
-
1
2
3
q)delete from t where a=2
a b
---
1 x
3 z

// by
q)t2:([]k:`a`b`a;v:1 2 3)
q)select sum v by k from t2
k| v
-| -
a| 4
b| 2
q)select count i by k from t2
k| x
-| -
a| 2
b| 1
q)select max v by k from t2
k| v
-| -
a| 3
b| 2

// keyed tables
q)kt:([k:1 2]v:`a`b)
q)kt
k| v
-| -
1| a
2| b
q)([names:`bob`carol`bob`alice;city:`NYC`CHI`SFO`SFO]; ages:42 39 51 44)
names city| ages
----------| ----
bob   NYC | 42
carol CHI | 39
bob   SFO | 51
alice SFO | 44
q)0!kt
k v
---
1 a
2 b
q)1!t
a| b
-| -
1| x
2| y
3| z
q)key kt
k
-
1
2
