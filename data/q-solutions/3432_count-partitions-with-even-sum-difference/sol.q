/ 3432 Count Partitions with Even Sum Difference: left-right has the parity of the total
solve:{[nums] $[0=(sum nums) mod 2; -1+count nums; 0]}
