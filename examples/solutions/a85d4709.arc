# a85d4709: each row is coloured by the column of its grey cell (left 2, middle 4, right 3)
fill(fill(fill(I, 2, rows_through(I, intersection(cells_of(I, 5), cols_through(I, point_idx((0, 0)))))), 4, rows_through(I, intersection(cells_of(I, 5), cols_through(I, point_idx((0, 1)))))), 3, rows_through(I, intersection(cells_of(I, 5), cols_through(I, point_idx((0, 2))))))
