# 780d0b14: one cell per block of the grid (blocks split by empty lines), coloured by the block colour
downscale(resize(dedup_rows(dedup_cols(paint_map(I, components8(I), recolor(to_obj(bbox(_), I), obj_colour(_))))), add_point(shape(dedup_rows(dedup_cols(paint_map(I, components8(I), recolor(to_obj(bbox(_), I), obj_colour(_)))))), (1, 1)), 0), 2)
