# aedd82e4: isolated red cells become blue
paint_map(I, filter_size(filter_colour(objects(I, true, false, false), 2), 1), recolor(_, 1))
