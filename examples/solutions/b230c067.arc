# b230c067: the odd shape becomes red, the others blue
paint(recolor_all(I, 1), recolor(odd_one_out(components8(I)), 2))
