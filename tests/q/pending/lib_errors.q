// errors: each error name, signal, protected evaluation; the console goes on after an error
// type
q)s:1 2 3
q)(`a`b`c!1 2 3) _ `a`b
'type
