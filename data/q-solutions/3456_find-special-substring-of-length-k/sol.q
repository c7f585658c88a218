/ 3456 Find Special Substring of Length K: is some run of equal letters exactly k long
solve:{[s;k] any k=1_deltas (where differ s),count s}
