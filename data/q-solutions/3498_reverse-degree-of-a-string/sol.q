/ 3498 Reverse Degree of a String: position times reversed-alphabet index
solve:{[s] sum (1+til count s)*123-"j"$s}
