# d364b489: each blue dot gets red above, orange left, magenta right, azure below
fill(fill(fill(fill(I, 2, shift_idx(cells_of(I, 1), (-1, 0))), 7, shift_idx(cells_of(I, 1), (0, -1))), 6, shift_idx(cells_of(I, 1), (0, 1))), 8, shift_idx(cells_of(I, 1), (1, 0)))
