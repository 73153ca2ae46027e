# dbc1a6ce: shorter program using a partition/lines/symmetry primitive
connect_colour(I, 1, 8)
