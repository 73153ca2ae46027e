# 7ddcd7ec: extend each corner pixel of the square diagonally away from it to the edge
fill(I, main_colour(I), union_map(filter_size(components(I), 1), cast_rays(I, indices_of(_), point(sign(sub(point_row(ulcorner(_)), point_row(center(largest(components(I)))))), sign(sub(point_col(ulcorner(_)), point_col(center(largest(components(I))))))))))
