# c0f76784: fill each square hole by its side: 1 magenta, 2 orange, 3 azure
paint_map(I, filter_colour(components(fill_enclosed(I, 1)), 1), recolor(_, int_to_colour(add(obj_height(_), 5))))
