# d13f3404: on a 6x6 canvas every cell extends diagonally down-right
paint_map(resize(I, (6, 6), 0), components(I), recolor(to_obj(cast_rays(resize(I, (6, 6), 0), indices_of(_), (1, 1)), resize(I, (6, 6), 0)), obj_colour(_)))
