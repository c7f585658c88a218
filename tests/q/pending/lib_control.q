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
