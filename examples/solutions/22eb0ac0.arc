# 22eb0ac0: shorter program using a partition/lines/symmetry primitive
connect_same_colour(I)
