# 5614dbcf: remove grey noise and shrink each 3x3 block to one cell
downscale(remove_colour(I, 5), 3)
