// .z.K: the q version whose documented behaviour qlite follows; .z.k: qlite's release date
q).z.K
4f
q)type .z.K
-9h
q)type .z.k
-14h
q).z.k within 2026.01.01 2099.12.31
1b
