# a3325580: one column per largest object, in left-to-right order, as tall as the object size
remove_empty_lines(paint_all(mono(I, 0), map_objs(filter_size(components(I), obj_size(largest(components(I)))), recolor(to_obj(connect(point(0, point_col(ulcorner(_))), point(dec(obj_size(_)), point_col(ulcorner(_)))), I), obj_colour(_)))))
