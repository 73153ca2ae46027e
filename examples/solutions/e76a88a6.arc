# e76a88a6: every grey block is replaced by a copy of the coloured pattern
paint_map(I, filter_colour(components(I), 5), move_to(argmin_objs(multicolour_objects(I), colour_count(obj_grid(_), 5)), ulcorner(_)))
