# f25ffba3: shorter program using a partition/lines/symmetry primitive
symmetrize_h(I)
