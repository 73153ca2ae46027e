# beb8660c: bars pushed right and stacked by length, longest at the bottom
sort_rows(gravity(I, (0, 1)), idx_size(nonzero_cells(_)))
