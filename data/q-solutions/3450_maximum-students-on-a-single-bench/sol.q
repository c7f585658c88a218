/ 3450 Maximum Students on a Single Bench: distinct students per bench (a dictionary by bench)
solve:{[students]
  if[0=count students; :0];
  byBench:group students[;1];       / bench -> row indices
  max count each distinct each students[;0] byBench}
