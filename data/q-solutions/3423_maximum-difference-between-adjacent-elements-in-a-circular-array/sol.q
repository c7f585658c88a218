/ 3423 Maximum Difference Between Adjacent Elements in a Circular Array
solve:{[nums] max abs nums-1 rotate nums}
