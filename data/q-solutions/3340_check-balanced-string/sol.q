/ 3340 Check Balanced String: alternating-sign digit sum is zero
solve:{[num] 0=sum ((count num)#1 -1)*("j"$num)-48}
