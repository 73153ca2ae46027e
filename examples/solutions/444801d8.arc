# 444801d8: fill each blue cup and the row above it with the colour of the cell inside
paint_map(I, filter_colour(components(I), 1), recolor(to_obj(difference(union(bbox(_), shift_idx(bbox(_), (-1, 0))), indices_of(_)), I), least_colour(subgrid(_, I))))
