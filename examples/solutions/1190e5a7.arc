# 1190e5a7: shorter program using a partition/lines/symmetry primitive
canvas(background(I), cells_shape(I))
