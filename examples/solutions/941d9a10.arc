# 941d9a10: in the grid of cells: first cell blue, middle cell red, last cell green
paint(paint(paint(I, recolor(first(filter_colour(objects(I, true, false, false), 0)), 1)), recolor(nth(filter_colour(objects(I, true, false, false), 0), halve(count_objs(filter_colour(objects(I, true, false, false), 0)))), 2)), recolor(last(filter_colour(objects(I, true, false, false), 0)), 3))
