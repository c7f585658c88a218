/ 3254 Find the Power of K-Size Subarrays I: a window is valid when it ends a run of k consecutive values
solve:{[nums;k]
  run:0{y*x+1}\nums=1+prev nums;   / steps of +1 ending at each index
  (k-1)_@[nums;where run<k-1;:;-1]}
