# f9012d9b: shorter program using a partition/lines/symmetry primitive
period_patch(I, 0)
