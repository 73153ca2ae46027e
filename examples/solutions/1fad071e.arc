# 1fad071e: one blue cell per blue 2x2 square, in a 1x5 row
resize(canvas(1, point(1, count_objs(filter_objs(components(I), both(eq_int(obj_size(_), 4), eq_colour(obj_colour(_), 1)))))), (1, 5), 0)
