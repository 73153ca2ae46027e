# 9ecd008a: shorter program using a partition/lines/symmetry primitive
symmetry_patch(I, 0)
