# dc433765: green moves one step towards yellow
paint(cover(I, first(filter_colour(components(I), 3))), shift_obj(first(filter_colour(components(I), 3)), sign_point(sub_point(center(first(filter_colour(components(I), 4))), center(first(filter_colour(components(I), 3)))))))
