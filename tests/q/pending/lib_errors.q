// errors: each error name, signal, protected evaluation; the console goes on after an error
// type
q)s:1 2 3
