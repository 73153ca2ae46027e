# 56ff96f3: fill the rectangle spanned by each pair of same-coloured pixels
paint_map(I, colour_objects(I), recolor(to_obj(bbox(_), I), obj_colour(_)))
