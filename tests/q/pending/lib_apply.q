// apply and index: @ and . with one, two and four arguments, indexing at depth, elided indexes
// @ applies a function to one argument, or indexes at the top level
q)d:`cat`cow`dog`sheep!`chat`vache`chien`mouton
q)(::;avg)@\:1 2 3
1 2 3
2f
