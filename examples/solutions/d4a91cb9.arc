# d4a91cb9: a yellow path goes from azure vertically, then horizontally to red
underfill(I, 4, union(connect(idx_ulcorner(cells_of(I, 8)), point(point_row(idx_ulcorner(cells_of(I, 2))), point_col(idx_ulcorner(cells_of(I, 8))))), connect(point(point_row(idx_ulcorner(cells_of(I, 2))), point_col(idx_ulcorner(cells_of(I, 8)))), idx_ulcorner(cells_of(I, 2)))))
