# a79310a0: move the shape down one row and make it red
replace(shift(I, (1, 0)), 8, 2)
