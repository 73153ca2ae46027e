# 1e32b0e9: copy the top-left compartment's shape into every compartment in the line colour, behind existing cells
underfill(I, colour_at(I, (0, 5)), nonzero_cells(crop(tile(resize(crop(I, (0, 0), (5, 5)), (6, 6), 0), 3, 3), (0, 0), shape(I))))
