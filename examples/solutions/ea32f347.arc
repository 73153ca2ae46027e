# ea32f347: grey bars by length: longest blue, middle yellow, shortest red
paint(paint(paint(I, recolor(nth(sort_by_size(components(I)), -1), 1)), recolor(nth(sort_by_size(components(I)), 1), 4)), recolor(nth(sort_by_size(components(I)), 0), 2))
