# 39a8645d: the most frequent shape among the objects
obj_grid(most_common_shape(components8(I)))
