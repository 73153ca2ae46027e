# 7b7f7511: shorter program using a partition/lines/symmetry primitive
minimal_tile(I)
