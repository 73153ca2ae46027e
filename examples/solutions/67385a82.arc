# 67385a82: recolour every green object bigger than one cell azure
paint_map(I, filter_objs(filter_colour(objects(I, true, false, false), 3), lt_int(1, obj_size(_))), recolor(_, 8))
