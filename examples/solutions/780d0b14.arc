# 780d0b14: shorter program using a partition/lines/symmetry primitive
cell_map(I, background(_))
