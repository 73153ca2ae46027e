# 7c008303: colour the green pattern by the 2x2 key, each key cell covering one 3x3 quadrant
where(cells_of(crop(I, idx_ulcorner(cells_of(I, 3)), idx_shape(cells_of(I, 3))), 3), upscale(crop_content(replace(replace(I, 3, 0), 8, 0)), 3), canvas(0, idx_shape(cells_of(I, 3))))
