// dictionaries and tables
q)d:`a`b`c!1 2 3
q)d
a| 1
b| 2
c| 3
q)key d
`a`b`c
q)value d
1 2 3
q)d`b
2
q)d`a`c
1 3
q)d`z
0N
q)count d
3
q)d,`d!4
a| 1
b| 2
c| 3
d| 4
q)d[`a]:10
q)d
a| 10
b| 2
c| 3
q)d+1
a| 11
b| 3
c| 4
q)sum d
15
q)where d>2
`a`c
q)`a`b#d
a| 10
b| 2
q)`a _ d
b| 2
c| 3
q)1 2!`x`y
1| x
2| y
q)(`a`b!1 2)~`a`b!1 2
1b
q)e:()!()
q)e[`k]:5
q)e
k| 5
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
q)t[1]
a| 2
b| `y
q)first t
a| 1
b| `x
q)select from t where a>1
a b
---
2 y
3 z
q)select b from t
b
-
x
y
z
q)select s:sum a from t
s
-
6
q)exec a from t
1 2 3
q)exec b from t where a=2
,`y
q)update a:a*10 from t
a  b
----
10 x
20 y
30 z
q)update c:a+1 from t where a>1
a b c
-----
1 x
2 y 3
3 z 4
q)delete from t where a=2
a b
---
1 x
3 z
q)delete b from t
a
-
1
2
3
q)u:([]g:`p`q`p;v:1 2 3)
q)select sum v by g from u
g| v
-| -
p| 4
q| 2
q)select count i by g from u
g| x
-| -
p| 2
q| 1
q)kt:([k:`a`b]v:1 2)
q)kt
k| v
-| -
a| 1
b| 2
q)kt`b
v| 2
q)flip `a`b!(1 2;3 4)
a b
---
1 3
2 4
q)flip ([]a:1 2;b:3 4)
a| 1 2
b| 3 4
q)t,([]a:,4;b:,`w)
a b
---
1 x
2 y
3 z
4 w
q)`a xdesc t
a b
---
3 z
2 y
1 x
q)1!t
a| b
-| -
1| x
2| y
3| z
q)0!kt
k v
---
a 1
b 2
q)meta t
c| t f a
-| -----
a| j
b| s
