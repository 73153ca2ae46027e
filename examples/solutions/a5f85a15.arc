# a5f85a15: every second cell along each diagonal line becomes yellow
fill(I, 4, union_map(components8(I), intersection(indices_of(_), cast_steps(I, shift_idx(point_idx(ulcorner(_)), (-1, -1)), (2, 2)))))
