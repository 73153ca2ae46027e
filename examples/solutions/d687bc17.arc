# d687bc17: stray dots slide onto the border of their colour; dots without one vanish
paint_map(fill(I, 0, union_map(filter_size(components(I), 1), indices_of(_))), filter_objs(filter_size(components(I), 1), lt_int(1, obj_size(largest(filter_colour(components(I), obj_colour(_)))))), gravitate(_, largest(filter_colour(components(I), obj_colour(_)))))
