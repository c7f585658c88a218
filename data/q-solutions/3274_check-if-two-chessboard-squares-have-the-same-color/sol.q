/ 3274 Check if Two Chessboard Squares Have the Same Color: compare parities of file+rank
parity:{(sum "j"$x) mod 2}
solve:{[coordinate1;coordinate2] parity[coordinate1]=parity coordinate2}
