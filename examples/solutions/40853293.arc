# 40853293: shorter program using a partition/lines/symmetry primitive
connect_same_colour(I)
