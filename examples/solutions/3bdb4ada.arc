# 3bdb4ada: punch every other cell out of the middle row of each three-row bar
apply_to_objects(I, components(I), vconcat(vconcat(row(_, 0), extend_periodic(hconcat(crop(_, (0, 0), (1, 1)), canvas(0, (1, 1))), point(1, width(_)))), row(_, -1)))
