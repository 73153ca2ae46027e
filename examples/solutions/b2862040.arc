# b2862040: blue shapes that enclose a hole become azure
paint_map(I, filter_objs(components(I), bool_not(is_empty_idx(intersection(neighbours(_, false), cells_of(fill_enclosed(I, 0), 0))))), recolor(_, 8))
