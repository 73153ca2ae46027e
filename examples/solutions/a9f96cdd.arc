# a9f96cdd: replace the red cell with four coloured diagonal neighbours
fill(fill(fill(fill(replace(I, 2, 0), 3, shift_idx(cells_of(I, 2), (-1, -1))), 6, shift_idx(cells_of(I, 2), (-1, 1))), 8, shift_idx(cells_of(I, 2), (1, -1))), 7, shift_idx(cells_of(I, 2), (1, 1)))
