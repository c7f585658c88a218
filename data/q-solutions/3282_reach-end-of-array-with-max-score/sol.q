/ 3282 Reach End of Array With Max Score: always jump with the best value seen so far
solve:{[nums] sum maxs -1_nums}
