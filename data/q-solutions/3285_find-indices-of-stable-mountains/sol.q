/ 3285 Find Indices of Stable Mountains: indices whose left neighbour is above the threshold
solve:{[height;threshold] 1+where threshold < -1_height}
