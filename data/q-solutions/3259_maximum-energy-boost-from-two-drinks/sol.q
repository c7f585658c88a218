/ 3259 Maximum Energy Boost From Two Drinks: DP over the hours, state = best total ending on A, on B
solve:{[energyDrinkA;energyDrinkB]
  b:(count energyDrinkA) sublist energyDrinkB;   / the hours are those of drink A
  max {[f;a;b] (f[1]|a+f 0; f[0]|b+f 1)}/[0 0;energyDrinkA;b]}
