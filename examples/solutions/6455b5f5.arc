# 6455b5f5: paint the largest empty regions blue and the smallest azure
paint_map(paint_map(I, filter_size(filter_colour(objects(I, true, false, false), 0), obj_size(largest(filter_colour(objects(I, true, false, false), 0)))), recolor(_, 1)), filter_size(filter_colour(objects(I, true, false, false), 0), obj_size(smallest(filter_colour(objects(I, true, false, false), 0)))), recolor(_, 8))
