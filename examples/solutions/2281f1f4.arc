# 2281f1f4: red where a grey mark is in the top row and the last column
overlay_grids(grid_and(tile(row(I, 0), height(I), 1), tile(column(I, -1), 1, width(I)), 2), I)
