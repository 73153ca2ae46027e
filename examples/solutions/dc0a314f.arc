# dc0a314f: shorter program using a partition/lines/symmetry primitive
symmetry_patch(I, 3)
