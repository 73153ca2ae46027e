# 0b148d64: crop the quadrant drawn in the rarest colour
crop(I, idx_ulcorner(cells_of(I, minor_colour(I))), idx_shape(cells_of(I, minor_colour(I))))
