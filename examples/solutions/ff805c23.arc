# ff805c23: the symmetric pattern hidden under the blue patch
crop(fill_symmetric(I, 1), idx_ulcorner(cells_of(I, 1)), idx_shape(cells_of(I, 1)))
