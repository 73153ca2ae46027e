# d2abd087: shapes of six cells turn red, all others blue
paint(paint_map(I, components(I), recolor(_, 1)), recolor(merge(filter_size(components(I), 6)), 2))
