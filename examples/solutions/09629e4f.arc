# 09629e4f: the compartment with the fewest coloured cells, blown up so each of its cells fills a whole compartment
fill(crop(upscale(argmax_grids(subgrids(filter_colour(objects(fill(mono(I, 0), 1, cells_of(I, 5)), true, false, false), 0), I), colour_count(_, 0)), 4), (0, 0), shape(I)), 5, cells_of(I, 5))
