# 6773b310: shorter program using a partition/lines/symmetry primitive
cell_map(I, colour_if(eq_int(colour_count(_, 6), 2), 1, 0))
