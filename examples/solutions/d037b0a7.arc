# d037b0a7: every coloured cell extends downward to the bottom
paint_map(I, components(I), recolor(to_obj(cast_rays(I, indices_of(_), (1, 0)), I), obj_colour(_)))
