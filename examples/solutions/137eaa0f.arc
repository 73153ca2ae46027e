# 137eaa0f: gather the pieces around each grey centre into one 3x3 picture
paint_all(canvas(0, (3, 3)), map_objs(filter_colour(components(I), 5), shift_obj(to_obj(intersection(dilate8(indices_of(_)), foreground(I)), I), sub_point((1, 1), ulcorner(_)))))
