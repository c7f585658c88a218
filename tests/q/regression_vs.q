// vs with a list base (mixed radix): qlite answered 'type, which broke the q
// solutions for LeetCode 3270 and 3393
q)(4#10) vs 12
0 0 1 2
q)24 60 60 vs 3725
1 2 5
q)2 2 2 vs 5 6
1 1
0 1
1 0
q)10 vs 1234
1 2 3 4
