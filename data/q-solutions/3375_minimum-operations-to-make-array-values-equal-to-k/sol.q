/ 3375 Minimum Operations to Make Array Values Equal to K: one operation per distinct value above k
solve:{[nums;k] $[any nums<k; -1; count[distinct nums]-k=min nums]}
