/ 3467 Transform Array by Parity
solve:{[nums] asc nums mod 2}
