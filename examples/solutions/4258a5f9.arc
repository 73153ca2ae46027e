# 4258a5f9: surround every grey cell with a blue ring
underfill(I, 1, dilate8(cells_of(I, 5)))
