# 3618c87e: each blue marker drops two rows into the grey floor, leaving the post behind
fill(replace(I, 1, 0), 1, shift_idx(cells_of(I, 1), (2, 0)))
