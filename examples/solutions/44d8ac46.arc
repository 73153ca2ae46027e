# 44d8ac46: fill the square holes red
paint_map(I, filter_objs(filter_colour(objects(I, true, false, false), 0), both(both(is_solid(_), is_square(_)), bool_not(touches_border(_, I)))), recolor(_, 2))
