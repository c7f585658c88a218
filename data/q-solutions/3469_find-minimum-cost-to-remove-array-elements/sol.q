/ 3469 Find Minimum Cost to Remove Array Elements: DP from the back over (kept element, next index)
/ D[last] is the cost to finish when nums[last] is kept back and i is the next unseen index.
step:{[nums;D;i]
  keep:(nums[i]|nums i+1)+D til i;              / remove i and i+1, keep last
  takeI:((nums til i)|nums i)+D i+1;            / remove last and i, keep i+1
  takeJ:((nums til i)|nums i+1)+D i;            / remove last and i+1, keep i
  keep&takeI&takeJ}
solve:{[nums]
  n:count nums;
  iend:$[0=n mod 2; n-1; n];
  D:$[iend=n; nums; (nums til n-1)|last nums];
  first step[nums]/[D;reverse 1+2*til (iend-1) div 2]}
