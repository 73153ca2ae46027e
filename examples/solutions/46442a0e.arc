# 46442a0e: shorter program using a partition/lines/symmetry primitive
rot_tile(I)
