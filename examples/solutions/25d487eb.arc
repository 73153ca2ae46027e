# 25d487eb: the odd-coloured cell at the base of the arrow shoots a ray out past the tip
underfill(I, least_colour(I), cast_rays(I, cells_of(I, least_colour(I)), point(sign(point_row(sub_point(center(first(multicolour_objects(I))), idx_ulcorner(cells_of(I, least_colour(I)))))), sign(point_col(sub_point(center(first(multicolour_objects(I))), idx_ulcorner(cells_of(I, least_colour(I)))))))))
