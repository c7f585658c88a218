// console display of every type: atoms, vectors, one-item lists, empty lists, nested lists, precision
// atoms
q)\P 3
q)\P 10
q)\P 7
q)(1 2;30 4)
1  2
30 4
q)(100 2 3;4 50 6)
100 2  3
4   50 6
q)::
q)(::)
q)(::)1
1
