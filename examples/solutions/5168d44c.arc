# 5168d44c: slide the red box two cells along the dotted green line
grid_if(eq_int(point_row(idx_shape(cells_of(I, 3))), 1), overlay_grids(remove_colour(I, 2), shift(keep_colour(I, 2), (0, 2))), overlay_grids(remove_colour(I, 2), shift(keep_colour(I, 2), (2, 0))))
