/ 3248 Snake in Matrix: net row and column moves from the commands' first letters
solve:{[n;commands]
  d:first each commands;
  (n*sum (d="D")-d="U")+sum (d="R")-d="L"}
