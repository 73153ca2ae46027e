# b60334d2: each grey cell becomes a ring of grey corners and blue edges
fill(fill(replace(I, 5, 0), 5, difference(dilate8(cells_of(I, 5)), dilate4(cells_of(I, 5)))), 1, difference(dilate4(cells_of(I, 5)), cells_of(I, 5)))
