# c909285e: crop the square framed by the rarest colour
subgrid(first(filter_colour(colour_objects(I), least_colour(I))), I)
