# a61f2674: tallest bar becomes blue, shortest red, others removed
paint(paint(mono(I, 0), recolor(largest(components(I)), 1)), recolor(smallest(components(I)), 2))
