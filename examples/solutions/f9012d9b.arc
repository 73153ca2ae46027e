# f9012d9b: the periodic pattern hidden under the black patch
crop(fill_periodic(I, 0), idx_ulcorner(cells_of(I, 0)), idx_shape(cells_of(I, 0)))
