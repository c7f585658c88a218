/ 3318 Find X-Sum of All K-Long Subarrays I: per window, keep the x most frequent values (ties: larger value)
xsum:{[x;w]
  d:count each group w;
  top:x sublist idesc (1000*value d)+key d;
  sum (key[d] top)*value[d] top}
solve:{[nums;k;x] xsum[x] each nums (til 1+count[nums]-k)+\:til k}
