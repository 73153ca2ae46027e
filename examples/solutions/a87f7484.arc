# a87f7484: shorter program using a partition/lines/symmetry primitive
odd_cell(split_squares(I))
