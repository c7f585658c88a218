/ 3330 Find the Original Typed String I: one plus the number of adjacent repeats
solve:{[word] 1+sum (1_word)=-1_word}
