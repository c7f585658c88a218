/ 3477 Fruits Into Baskets II: each fruit takes the leftmost basket big enough (a used basket becomes 0)
place:{[baskets;fruit]
  i:first where baskets>=fruit;
  $[null i; baskets; @[baskets;i;:;0]]}
solve:{[fruits;baskets] (count fruits)-sum 0=place/[baskets;fruits]}
