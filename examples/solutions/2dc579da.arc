# 2dc579da: shorter program using a partition/lines/symmetry primitive
odd_cell(split_cells(I))
