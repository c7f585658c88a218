/ 3314 Construct the Minimum Bitwise Array I: clear the top bit of the trailing run of ones
trailingOnes:{(reverse 2 vs x)?0}
solve:{[nums] {$[x=2;-1;x-prd (trailingOnes[x]-1)#2]} each nums}
