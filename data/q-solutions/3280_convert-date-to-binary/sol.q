/ 3280 Convert Date to Binary: each dash-separated field in base 2
solve:{[date] "-" sv {raze string 2 vs x} each "J"$"-" vs date}
