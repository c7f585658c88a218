/ 3471 Find the Largest Almost Missing Integer: only the ends can be in exactly one window (k>1)
once:{[nums;x] $[1=sum nums=x; x; -1]}
solve:{[nums;k]
  $[k=1; max -1,where 1=count each group nums;
    k=count nums; max nums;
    max (once[nums;first nums];once[nums;last nums])]}
