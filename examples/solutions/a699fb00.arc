# a699fb00: put red between two blue cells one apart horizontally
fill(I, 2, intersection(shift_idx(cells_of(I, 1), (0, 1)), shift_idx(cells_of(I, 1), (0, -1))))
