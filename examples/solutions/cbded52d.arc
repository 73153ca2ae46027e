# cbded52d: a mark repeated in two blocks of a row or column is copied into the block between them
paint_map(I, colour_objects(I), recolor(to_obj(union(intersection(shift_idx(indices_of(_), (0, 3)), shift_idx(indices_of(_), (0, -3))), intersection(shift_idx(indices_of(_), (3, 0)), shift_idx(indices_of(_), (-3, 0)))), I), obj_colour(_)))
