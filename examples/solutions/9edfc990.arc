# 9edfc990: flood every black region that touches a blue cell with blue
paint_map(I, filter_objs(filter_colour(objects(I, true, false, false), 0), bool_not(is_empty_idx(intersection(neighbours(_, false), cells_of(I, 1))))), recolor(_, 1))
