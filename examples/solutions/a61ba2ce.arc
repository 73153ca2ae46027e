# a61ba2ce: assemble the four L corners into a 4x4 square by their orientation
paint_all(canvas(0, (4, 4)), map_objs(components8(I), move_to(_, scale_point(sub_point((1, 1), sub_point(idx_ulcorner(delta(_)), ulcorner(_))), 2))))
