# 6e19193c: shoot a diagonal ray out of the open corner of every L shape
fill(I, main_colour(I), union_map(components(I), cast_rays(I, delta(_), sub_point(scale_point(idx_ulcorner(delta(_)), 2), add_point(ulcorner(_), lrcorner(_))))))
