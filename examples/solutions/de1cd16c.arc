# de1cd16c: the colour of the region holding the most noise dots
canvas(obj_colour(argmax_objs(objects(I, true, false, false), idx_size(intersection(delta(_), cells_of(I, least_colour(I)))))), (1, 1))
