# 445eab21: a 2x2 square in the colour of the object with the largest bounding box
canvas(obj_colour(argmax_objs(components(I), idx_size(bbox(_)))), (2, 2))
