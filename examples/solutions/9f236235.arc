# 9f236235: shorter program using a partition/lines/symmetry primitive
vmirror(cell_summary(I))
