# caa06a1f: continue the repeating pattern over the whole grid, shifted by one column
crop(extend_periodic(fill_periodic(I, colour_at(I, (-1, -1))), add_point(shape(I), (0, 1))), (0, 1), shape(I))
