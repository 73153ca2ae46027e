# 7f4411dc: erase noise: keep only cells that belong to a solid 2x2 block
fill(mono(I, 0), main_colour(I), square_cover(I, main_colour(I), 2))
