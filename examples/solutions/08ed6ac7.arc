# 08ed6ac7: grey bars recoloured by height rank: tallest blue, then red, green, yellow
paint_map(I, components(I), recolor(_, int_to_colour(inc(size_rank(_, components(I))))))
