# 6e82a1ae: recolour grey objects by size: 4 cells blue, 3 red, 2 green
paint_map(I, components(I), recolor(_, int_to_colour(sub(5, obj_size(_)))))
