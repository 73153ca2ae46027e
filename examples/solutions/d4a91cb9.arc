# d4a91cb9: shorter program using a partition/lines/symmetry primitive
underfill(I, 4, elbow(idx_ulcorner(cells_of(I, 2)), idx_ulcorner(cells_of(I, 8))))
