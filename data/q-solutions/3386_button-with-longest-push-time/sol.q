/ 3386 Button with Longest Push Time: time deltas, smallest index among the longest
solve:{[events]
  id:events[;0];
  d:deltas events[;1];
  min id where d=max d}
