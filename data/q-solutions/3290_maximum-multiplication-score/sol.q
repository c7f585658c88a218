/ 3290 Maximum Multiplication Score: DP over b; f[i] is the best score using a[til i]
low:-1000000000000000000
solve:{[a;b] last {[a;f;x] f|low,(-1_f)+a*x}[a]/[0,4#low;b]}
