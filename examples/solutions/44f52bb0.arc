# 44f52bb0: output 1 if the pattern is left-right symmetric, else 7
grid_if(is_empty_idx(mask_neq(I, vmirror(I))), canvas(1, (1, 1)), canvas(7, (1, 1)))
