/ 3402 Minimum Operations to Make Columns Strictly Increasing: raise each column greedily with a scan
solve:{[grid] sum {sum ({y|x+1}\[x])-x} each flip grid}
