// errors: each error name, signal, protected evaluation; the console goes on after an error

// type
q)1+`a
'type
q)2+"hi"
'type
q)"42"+3
'type
q)`a+1
'type
q)prd "abc"
'type
q){x+1}["a"]
'type
q)s:1 2 3
q)s[1]:5f
'type
q)s
1 2 3
q)10,`a`b!(1 2;3 5)
'type

// length
q)1 2+1 2 3
'length
q)1 2 3=1 2
'length
q)`a`b!1 2 3
'length
q)1 2 3,'4 5
'length
q)(1 2;3 4)+1 2 3
'length

// rank
q){x}[1;2]
'rank
q){x+y}[1;2;3]
'rank
q){x}[;1]
'rank

// domain
q)til -1
'domain

// index
q)a:1 2 3
q)a[5]:9
'index
q)a
1 2 3

// undefined names
q)nosuchname
'nosuchname
q)nosuchname+1
'nosuchname
q){undefinedthing+x}[1]
'undefinedthing

// stack
q)deep:{deep x+1}
q)deep 0
'stack

// signal
q)'`myerr
'myerr
q)'"custom message"
'custom message
q){'`boom}[]
'boom
q){if[x<0;'`negative]; sqrt x}[-4]
'negative
q){if[x<0;'`negative]; sqrt x}[4]
2f

// protected evaluation
q)@[{1+x};`a;{"caught: ",x}]
"caught: type"
q)@[{1+x};1;{"caught: ",x}]
2
q)@[{'`boom};0;{x}]
"boom"
q)@[{'`boom};0;`failed]
`failed
q).[+;(1;`a);{x}]
"type"
q).[+;2 3;{"Wrong ",x}]
5
q).[+;"ab";`ouch]
`ouch
q).[+;"ab";{"Wrong ",x}]
"Wrong type"
q)@[2+;"42";`err]
`err
q)@[til;-1;{x}]
"domain"
q).[{x+y};1 2 3;{x}]
"rank"
q)@[string;42;0]
"42"

// the console keeps going after errors
q)1+`a
'type
q)1+1
2
