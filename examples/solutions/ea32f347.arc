# ea32f347: grey bars by length: longest blue, middle yellow, shortest red
paint_map(I, components(I), recolor(_, colour_if(eq_int(size_rank(_, components(I)), 0), 1, colour_if(eq_int(size_rank(_, components(I)), 1), 4, 2))))
