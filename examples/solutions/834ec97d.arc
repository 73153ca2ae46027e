# 834ec97d: move the pixel down one cell and fill the rows above with yellow columns of its parity
overlay_grids(resize(roll(tile(hconcat(canvas(4, (1, 1)), canvas(0, (1, 1))), inc(point_row(idx_ulcorner(foreground(I)))), width(I)), point(0, point_col(idx_ulcorner(foreground(I))))), shape(I), 0), shift(I, (1, 0)))
