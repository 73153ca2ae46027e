# ded97339: shorter program using a partition/lines/symmetry primitive
connect_colour(I, 8, 8)
