# d0f5fe59: n shapes give an n x n diagonal of azure
fill(canvas(0, point(count_objs(components(I)), count_objs(components(I)))), 8, union(cells_of(canvas(0, (1, 1)), 0), cast_rays(canvas(0, point(count_objs(components(I)), count_objs(components(I)))), cells_of(canvas(0, (1, 1)), 0), (1, 1))))
