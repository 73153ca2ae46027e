# 83302e8f: rooms with intact walls turn green, rooms joined through gaps turn yellow
paint_map(paint_map(I, filter_colour(objects(I, true, false, false), 0), recolor(_, 4)), filter_objs(filter_colour(objects(I, true, false, false), 0), is_solid(_)), recolor(_, 3))
