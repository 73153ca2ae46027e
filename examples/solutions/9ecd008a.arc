# 9ecd008a: read the hidden 3x3 patch from the mirror-symmetric copy
crop(vmirror(I), idx_ulcorner(cells_of(I, 0)), idx_shape(cells_of(I, 0)))
