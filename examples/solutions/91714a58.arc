# 91714a58: keep only the solid rectangle, removing all noise
fill(mono(I, 0), obj_colour(largest(components(I))), square_cover(I, obj_colour(largest(components(I))), 2))
