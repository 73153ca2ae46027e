# ff805c23: shorter program using a partition/lines/symmetry primitive
symmetry_patch(I, 1)
