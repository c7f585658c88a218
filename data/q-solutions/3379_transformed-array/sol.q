/ 3379 Transformed Array: index the circular array at i+nums[i]
solve:{[nums] nums ((til count nums)+nums) mod count nums}
