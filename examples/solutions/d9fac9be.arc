# d9fac9be: the colour of the cell enclosed by a 3x3 ring
canvas(obj_colour(argmax_objs(components(I), idx_size(intersection(neighbours(_, true), foreground(I))))), (1, 1))
