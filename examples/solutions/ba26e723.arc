# ba26e723: every third column (from the left) turns yellow cells magenta
fill(I, 6, intersection(cells_of(I, 4), cols_through(I, union(point_idx((0, 0)), cast_steps(I, point_idx((0, 0)), (0, 3))))))
