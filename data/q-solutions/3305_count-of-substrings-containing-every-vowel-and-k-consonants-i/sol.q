/ 3305 Count of Substrings Containing Every Vowel and K Consonants I: for each start, count ends that qualify
fromStart:{[w;k;i]
  s:i _ w;
  c:sums not s in "aeiou";          / consonants up to each end
  m:max s?"aeiou";                  / first end that has seen every vowel
  sum (k=c)&m<=til count s}
solve:{[word;k] sum fromStart[word;k] each til count word}
