// list primitives: construction, take, drop, join, search, sort, set operations
// til count first last reverse
q)m:(1 2 3;4 5 6)
q)x:1 5 6 8 11 17 20 21

// find, in, except, inter, union, within
q)w:10 -8 3 5 -1 2 3
q)x:3 1 2

// amend
q)s:1 2 3
q)s[1]:4
q)s[0 2]:10 30
q)s,:99
q)s[1]+:100
q)m:(1 2;3 4)
q)m[1;1]:5
q)l:()
q)l,:1
q)l,:2

// asc marks its result sorted (the `s# attribute shows)
q)asc 3 1 2
`s#1 2 3
q)asc "hello"
`s#"ehllo"
