# 7447852a: fill every third gap of the red zigzag (counting from the left) with yellow
paint_map(I, filter_objs(filter_colour(objects(I, true, false, false), 0), either(eq_int(mod(point_col(ulcorner(_)), 6), 5), eq_int(mod(point_col(lrcorner(_)), 6), 1))), recolor(_, 4))
