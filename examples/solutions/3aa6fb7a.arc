# 3aa6fb7a: complete each azure L-tromino to a 2x2 square with a blue cell
underfill(I, 1, intersection(union(shift_idx(cells_of(I, 8), (0, 1)), shift_idx(cells_of(I, 8), (0, -1))), union(shift_idx(cells_of(I, 8), (1, 0)), shift_idx(cells_of(I, 8), (-1, 0)))))
