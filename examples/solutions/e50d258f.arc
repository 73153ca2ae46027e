# e50d258f: crop the box with the most red cells
subgrid(argmax_objs(multicolour_objects(pad(I, 10, 0)), colour_count(obj_grid(_), 2)), pad(I, 10, 0))
