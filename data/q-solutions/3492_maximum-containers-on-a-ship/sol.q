/ 3492 Maximum Containers on a Ship
solve:{[n;w;maxWeight] ((n*n*w)&maxWeight) div w}
