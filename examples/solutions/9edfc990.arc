# 9edfc990: shorter program using a partition/lines/symmetry primitive
flood_from_colour(I, 1)
