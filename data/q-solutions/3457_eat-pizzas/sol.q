/ 3457 Eat Pizzas: odd days take the largest pizzas; even days take every second one below them
solve:{[pizzas]
  p:asc pizzas; n:count p;
  days:n div 4; odd:(days+1) div 2; even:days-odd;
  sum (neg[odd]#p),p n-odd+2+2*til even}
