# 8efcae92: crop the blue rectangle with the most red cells
subgrid(argmax_objs(multicolour_objects(pad(I, 10, 0)), colour_count(subgrid(_, pad(I, 10, 0)), 2)), pad(I, 10, 0))
