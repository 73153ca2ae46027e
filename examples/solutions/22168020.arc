# 22168020: fill each row of every shape between its leftmost and rightmost cells
paint_map(I, components8(I), recolor(to_obj(intersection(cast_rays(I, indices_of(_), (0, 1)), cast_rays(I, indices_of(_), (0, -1))), I), obj_colour(_)))
