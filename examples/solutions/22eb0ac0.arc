# 22eb0ac0: rows whose two end cells match are filled with that colour
paint_map(I, colour_objects(I), recolor(to_obj(intersection(cast_rays(I, indices_of(_), (0, 1)), cast_rays(I, indices_of(_), (0, -1))), I), obj_colour(_)))
