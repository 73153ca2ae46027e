# 82819916: complete every started row with the two-colour pattern of the full row, using the row own colours
stack_v(map_grids(vsplit(I, height(I)), where(cells_of(row(I, 1), colour_at(row(I, 1), (0, 0))), mono(row(I, 1), colour_at(_, (0, 0))), mono(row(I, 1), colour_at(_, idx_ulcorner(difference(all_cells(row(I, 1)), cells_of(row(I, 1), colour_at(row(I, 1), (0, 0))))))))))
