/ 3450 Maximum Students on a Single Bench: distinct students per bench (a dictionary by bench)
solve:{[students]
  $[count students;
    max count each distinct each students[;0] group students[;1];
    0]}
