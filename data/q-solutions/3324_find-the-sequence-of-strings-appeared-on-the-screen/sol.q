/ 3324 Find the Sequence of Strings Appeared on the Screen: for each target letter, type "a" then step up to it
solve:{[target]
  raze {[t;i] (i#t),/:"c"$97+til 1+("j"$t i)-97}[target] each til count target}
