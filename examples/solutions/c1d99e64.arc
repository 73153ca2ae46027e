# c1d99e64: rows and columns that are entirely black turn red
fill(I, 2, uniform_lines(I, 0))
