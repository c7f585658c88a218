/ 3392 Count Subarrays of Length Three With a Condition: 2*(first+third) = middle
solve:{[nums] sum (2*(-2 _ nums)+2 _ nums)=1 _ -1 _ nums}
