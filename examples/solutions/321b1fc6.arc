# 321b1fc6: every azure shape is replaced by a copy of the coloured template, which itself disappears
paint_all(mono(I, 0), map_objs(filter_colour(objects(I, false, false, true), 8), move_to(first(filter_objs(objects(I, false, false, true), bool_not(eq_colour(obj_colour(_), 8)))), ulcorner(_))))
