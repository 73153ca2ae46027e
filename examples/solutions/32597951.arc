# 32597951: blue cells inside the bounding box of the azure cells become green
fill(I, 3, intersection(cells_of(I, 1), idx_bbox(cells_of(I, 8))))
