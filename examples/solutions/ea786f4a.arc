# ea786f4a: shorter program using a partition/lines/symmetry primitive
fill(I, 0, diagonals_at(point(halve(height(I)), halve(width(I))), shape(I)))
