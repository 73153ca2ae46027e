# 93b581b8: each cell of the 2x2 block paints a 2x2 patch at the diagonally opposite corner
paint_map(I, components(I), move_to(upscale_obj(_, 2), sub_point(add_point(scale_point(idx_ulcorner(foreground(I)), 5), (2, 2)), scale_point(ulcorner(_), 4))))
