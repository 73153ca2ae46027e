# fcc82909: under each 2x2 block a green bar as tall as its number of colours
paint_map(I, multicolour_objects(I), recolor(to_obj(shift_idx(cells_of(canvas(3, point(num_colours(obj_grid(_)), 2)), 3), add_point(ulcorner(_), (2, 0))), I), 3))
