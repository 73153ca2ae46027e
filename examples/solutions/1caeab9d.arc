# 1caeab9d: move every block vertically to the rows of the blue block
transform_objs(I, colour_objects(I), move_to(_, point(point_row(ulcorner(first(filter_colour(colour_objects(I), 1)))), point_col(ulcorner(_)))))
