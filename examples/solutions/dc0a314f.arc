# dc0a314f: the symmetric pattern hidden under the green patch
crop(fill_symmetric(I, 3), idx_ulcorner(cells_of(I, 3)), idx_shape(cells_of(I, 3)))
