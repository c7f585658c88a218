// lambdas, projections, application, assignment, locals and globals, control flow, recursion
// lambdas and application
q)f:{x+1}
q){}[]

// projections
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

// assignment
q)a:42
q)a:b:5
q)a+:1
q)a-:2
q)a*:10
q)x:10
q)v:til 5
q)1+v[2]+:5
8
q)v
0 1 7 3 4
