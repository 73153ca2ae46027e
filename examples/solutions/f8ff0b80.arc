# f8ff0b80: the colours of the three shapes, largest first
crop(sort_colours_by_count(I), (1, 0), (3, 1))
