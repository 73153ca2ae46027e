# 08ed6ac7: grey bars recoloured by height rank: tallest blue, then red, green, yellow
paint(paint(paint(paint(I, recolor(nth(sort_by_size(components(I)), -1), 1)), recolor(nth(sort_by_size(components(I)), -2), 2)), recolor(nth(sort_by_size(components(I)), -3), 3)), recolor(nth(sort_by_size(components(I)), -4), 4))
