# 7fe24cdd: shorter program using a partition/lines/symmetry primitive
rot_tile(I)
