# f8b3ba0a: the colours of the odd blocks, from most to least frequent
crop(sort_colours_by_count(I), (2, 0), (3, 1))
