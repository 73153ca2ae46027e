# 363442ee: stamp the 3x3 pattern in the top-left corner centred on every blue cell
paint_all(I, map_objs(filter_colour(components(I), 1), shift_obj(to_obj(all_cells(canvas(0, (3, 3))), I), sub_point(ulcorner(_), (1, 1)))))
