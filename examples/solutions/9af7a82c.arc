# 9af7a82c: colour histogram: one column per colour, as long as its count, most common first
remove_empty_lines(paint_all(canvas(0, (30, 30)), map_objs(colour_objects(pad(I, 5, 0)), recolor(to_obj(connect(point(0, sub(29, obj_size(_))), point(dec(obj_size(_)), sub(29, obj_size(_)))), canvas(0, (30, 30))), obj_colour(_)))))
