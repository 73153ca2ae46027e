# fcb5c309: crop the frame holding the most dots, frame recoloured to the dot colour
replace(subgrid(argmax_objs(components(I), idx_size(intersection(delta(_), foreground(I)))), I), obj_colour(argmax_objs(components(I), idx_size(intersection(delta(_), foreground(I))))), least_colour(subgrid(argmax_objs(components(I), idx_size(intersection(delta(_), foreground(I)))), I)))
