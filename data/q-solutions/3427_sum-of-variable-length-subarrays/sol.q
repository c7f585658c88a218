/ 3427 Sum of Variable Length Subarrays: prefix sums over each [max(0,i-nums[i]), i]
solve:{[nums]
  p:0,sums nums;
  i:til count nums;
  sum p[i+1]-p 0|i-nums}
