/ 3270 Find the Key of the Numbers: digit-wise minimum of the 4-digit forms
solve:{[num1;num2;num3] 10 sv min (4#10) vs/: (num1;num2;num3)}
