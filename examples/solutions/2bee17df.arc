# 2bee17df: green through every row and column of the interior that is completely empty
overlay_grids(I, pad(grid_or(grid_not(hupscale(column(gravity(trim(I), (0, 1)), -1), width(trim(I))), 3), grid_not(vupscale(row(gravity(trim(I), (1, 0)), -1), height(trim(I))), 3), 3), 1, 0))
