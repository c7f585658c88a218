// errors: each error name, signal, protected evaluation; the console goes on after an error
// type
q)s:1 2 3
q){x+y}/[0;1 2 3;1 2]
'length
