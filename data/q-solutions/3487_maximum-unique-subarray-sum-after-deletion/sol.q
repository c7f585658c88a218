/ 3487 Maximum Unique Subarray Sum After Deletion: keep each distinct positive value once
solve:{[nums] $[0>=m:max nums; m; sum distinct nums where nums>0]}
