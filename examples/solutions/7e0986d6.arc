# 7e0986d6: remove the noise colour: noise inside shapes takes the shape colour, stray noise is erased
fill(mono(I, 0), main_colour(I), square_cover(replace(I, least_colour(I), main_colour(I)), main_colour(I), 2))
