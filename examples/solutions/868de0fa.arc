# 868de0fa: fill each hollow square: red if its side is even, orange if odd
paint_map(I, components(I), recolor(to_obj(delta(_), I), colour_if(is_even(obj_width(_)), 2, 7)))
