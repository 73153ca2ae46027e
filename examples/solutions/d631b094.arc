# d631b094: a row with one cell per coloured input cell
canvas(obj_colour(to_obj(nonzero_cells(I), I)), point(1, idx_size(nonzero_cells(I))))
