# 99fa7670: each cell draws a line to the right edge, then down the right edge until the next line
paint_map(I, components(I), recolor(to_obj(union(cast_rays(I, indices_of(_), (0, 1)), cast_rays(I, difference(cast_rays(I, indices_of(_), (0, 1)), shift_idx(cast_rays(I, indices_of(_), (0, 1)), (0, -1))), (1, 0))), I), obj_colour(_)))
