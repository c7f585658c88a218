// dictionaries: make, index, amend, arithmetic, key/value, group as a hash map

q)`a`b`c!1 2 3
a| 1
b| 2
c| 3
q)d:`a`b`c!1 2 3
q)d
a| 1
b| 2
c| 3
q)d`b
2
q)d[`b]
2
q)d`a`c
1 3
q)d`z
0N
q)d`a`z
1 0N
q)key d
`a`b`c
q)value d
1 2 3
q)count d
3
q)type d
99h
q)first d
1
q)last d
3
q)sum d
6
q)max d
3
q)`c in key d
1b
q)d?2
`b

// keys and values of other types
q)`a`bb!1 2
a | 1
bb| 2
q)1 2!`x`y
1| x
2| y
q)1 2 3!10 20 30
1| 10
2| 20
3| 30
q)`a`b!(1 2;3 4 5)
a| 1 2
b| 3 4 5
q)e:(10*til 4)!til 4
q)e
0 | 0
10| 1
20| 2
30| 3
q)e 20 35
2 0N
q)"abc"!1 2 3
a| 1
b| 2
c| 3
q)`a`b!1.5 2.5
a| 1.5
b| 2.5

// amend
q)d[`d]:4
q)d
a| 1
b| 2
c| 3
d| 4
q)d[`a]:100
q)d
a| 100
b| 2
c| 3
d| 4
q)d[`b]+:10
q)d`b
12
q)h:`tom`dick`harry!1 2 3
q)h[`dick`jane]:100 200
q)h
tom  | 1
dick | 100
harry| 3
jane | 200

// arithmetic and comparison act on the values
q)d:`a`b`c!1 2 3
q)d+1
a| 2
b| 3
c| 4
q)2*d
a| 2
b| 4
c| 6
q)d>1
a| 0
b| 1
c| 1
q)5+`a`b`c!100 200 300
a| 105
b| 205
c| 305
q)(`a`b!1 2)+`b`c!10 20
a| 1
b| 12
c| 20
q)where `a`b`c!101b
`a`c
q)where `amr`ibm`msft!2 3 1
`amr`amr`ibm`ibm`ibm`msft
q){x*10} each d
a| 10
b| 20
c| 30
q)neg d
a| -1
b| -2
c| -3

// take, drop, join
q)`a`b#d
a| 1
b| 2
q)`a _ d
b| 2
c| 3
q)d _ `c
a| 1
b| 2
q)1 _ d
b| 2
c| 3
q)d,`d`e!4 5
a| 1
b| 2
c| 3
d| 4
e| 5
q)d,`a`z!0 26
a| 0
b| 2
c| 3
z| 26
q)reverse d
c| 3
b| 2
a| 1

// dictionaries as hash maps
q)g:group `x`y`x`z`x
q)g
x| 0 2 4
y| ,1
z| ,3
q)g`x
0 2 4
q)count each g
x| 3
y| 1
z| 1
q)c:count each group "hello world"
q)c"l"
3
q)c"o"
2
q)c"q"
0N
q)first each group 3 1 3 2 1
3| 0
1| 1
2| 3
q)m:()!()
q)m[`k]:1
q)m
k| 1
q)m[`j]:2
q)m`j
2
q)key m
`k`j
