// errors: each error name, signal, protected evaluation; the console goes on after an error
// type
q)2+"hi"
'type
q)"42"+3
'type
q){x+1}["a"]
'type
q)s:1 2 3
q)(`a`b`c!1 2 3) _ `a`b
'type
q){x}[;1]
'rank

// index
q)a:1 2 3

// stack
q)deep:{deep x+1}
q).[+;"ab";`ouch]
`ouch
q).[+;"ab";{"Wrong ",x}]
"Wrong type"
q)@[2+;"42";`err]
`err
