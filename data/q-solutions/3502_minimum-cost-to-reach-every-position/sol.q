/ 3502 Minimum Cost to Reach Every Position: running minimum
solve:{[cost] mins cost}
