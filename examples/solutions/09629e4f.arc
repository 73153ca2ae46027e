# 09629e4f: shorter program using a partition/lines/symmetry primitive
paint_cells(I, cell_with_most_colour(split_cells(I), 0))
