// console display of every type: atoms, vectors, one-item lists, empty lists, nested lists, precision
// atoms
q)\P 3
q)\P 10
q)\P 7
q)::
q)(::)
q)(::)1
1
