# b9b7f026: the colour of the rectangle with a hole
canvas(obj_colour(first(filter_objs(components(I), bool_not(is_solid(_))))), (1, 1))
