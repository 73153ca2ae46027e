# ae3edfdc: green cells gravitate to the red centre, orange cells to the blue centre
transform_objs(transform_objs(I, filter_colour(components(I), 3), gravitate(_, first(filter_colour(components(I), 2)))), filter_colour(components(I), 7), gravitate(_, first(filter_colour(components(I), 1))))
