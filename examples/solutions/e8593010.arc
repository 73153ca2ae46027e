# e8593010: black holes recoloured by size: 1 green, 2 red, 3 blue
paint_map(I, filter_colour(objects(I, true, false, false), 0), recolor(_, int_to_colour(sub(4, obj_size(_)))))
