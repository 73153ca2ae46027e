# 1f876c06: join same-coloured cell pairs along their diagonal
paint_map(I, colour_objects(I), recolor(to_obj(union(intersection(cast_rays(I, indices_of(_), (1, 1)), cast_rays(I, indices_of(_), (-1, -1))), intersection(cast_rays(I, indices_of(_), (1, -1)), cast_rays(I, indices_of(_), (-1, 1)))), I), obj_colour(_)))
