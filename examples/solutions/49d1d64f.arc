# 49d1d64f: extend every edge of the grid outward by one cell, leaving the corners black
where(shift_idx(all_cells(I), (1, 1)), pad(I, 1, 0), overlay_grids(overlay_grids(shift(pad(I, 1, 0), (-1, 0)), shift(pad(I, 1, 0), (1, 0))), overlay_grids(shift(pad(I, 1, 0), (0, -1)), shift(pad(I, 1, 0), (0, 1)))))
