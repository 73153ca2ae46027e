# 4938f0c2: mirror the red shape into all four quadrants around the green 2x2 centre
overlay_grids(I, shift(resize(mirror_tile(crop(I, idx_ulcorner(cells_of(I, 2)), add_point(sub_point(idx_ulcorner(cells_of(I, 3)), idx_ulcorner(cells_of(I, 2))), (1, 1)))), shape(I), 0), idx_ulcorner(cells_of(I, 2))))
