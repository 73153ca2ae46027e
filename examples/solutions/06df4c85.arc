# 06df4c85: shorter program using a partition/lines/symmetry primitive
paint_cells(I, connect_same_colour(cell_summary(I)))
