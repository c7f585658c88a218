/ 3491 Phone Number Prefix: no number may be a prefix of another (equal numbers count as prefixes)
isPrefix:{[a;b] (count[a]<=count b)&a~count[a]#b}
solve:{[numbers] (count numbers)=sum raze numbers isPrefix/:\: numbers}
