# 48d8fb45: crop the object marked by the grey cell
obj_grid(first(filter_objs(exclude(components8(I), first(filter_colour(components8(I), 5))), adjacent(_, first(filter_colour(components8(I), 5))))))
