/ 3370 Smallest Number With All Set Bits: all ones with as many bits as n
solve:{[n] -1+prd (count 2 vs n)#2}
