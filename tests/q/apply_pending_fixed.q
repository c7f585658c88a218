// cases moved up from tests/q/pending/ (lib_apply, lib_control) once qlite passed them
q)(::;avg)@\:1 2 3
1 2 3
2f
q)f:{x+1}
q){}[]

q)g:{x+y}[10]
q)g
{x+y}[10]
q)h:{x-y}[;1]
q)f3:{x+y*z}
q)p:f3[2;;4]
q)double:2*
q)halve:%[;2]
q)ssr . ("Hello word!";"rd";"rld")
"Hello world!"
