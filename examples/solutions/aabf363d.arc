# aabf363d: recolour the shape with the colour of the corner marker and remove the marker
replace(remove_colour(I, minor_colour(I)), main_colour(I), minor_colour(I))
