# 5117e062: crop the shape with the azure centre and paint the centre in the shape colour
obj_grid(first(map_objs(filter_objs(multicolour_objects(I), has_colour(obj_grid(_), 8)), recolor(_, obj_colour(_)))))
