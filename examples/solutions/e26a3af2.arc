# e26a3af2: remove the noise: each stripe takes its majority colour (rows or columns, whichever fits better)
grid_if(lt_int(idx_size(mask_neq(I, row_modes(I))), idx_size(mask_neq(I, dmirror(row_modes(dmirror(I)))))), row_modes(I), dmirror(row_modes(dmirror(I))))
