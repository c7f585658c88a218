/ 3396 Minimum Number of Operations to Make Elements in Array Distinct: find the last repeated position
solve:{[nums]
  r:reverse nums;
  dup:where (r?r)<>til count r;         / positions (from the end) of values seen later in nums
  $[count dup; 1+(count[nums]-1+first dup) div 3; 0]}
