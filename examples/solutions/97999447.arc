# 97999447: each cell extends right, alternating with grey
fill(paint_map(I, components(I), recolor(to_obj(cast_steps(I, indices_of(_), (0, 2)), I), obj_colour(_))), 5, cast_steps(I, shift_idx(foreground(I), (0, -1)), (0, 2)))
