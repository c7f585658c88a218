/ 3304 Find the K-th Character in String Game I: grow the word (as letter offsets) until it has k letters
solve:{[k]
  w:{x>count y}[k]{x,(x+1) mod 26}/enlist 0;
  enlist "c"$97+w k-1}
