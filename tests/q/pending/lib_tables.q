// tables: display, indexing, keyed tables, select / exec / update / delete ... by ... where

q)t:([]a:1 2 3;b:`x`y`z)

// by
q)t2:([]k:`a`b`a;v:1 2 3)
q)select count i by k from t2
k| x
-| -
a| 2
b| 1
