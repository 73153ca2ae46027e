# 913fb3ed: surround each seed cell with a ring coloured by the seed colour (3->6, 8->4, 2->1)
underfill(underfill(underfill(I, 6, dilate8(cells_of(I, 3))), 4, dilate8(cells_of(I, 8))), 1, dilate8(cells_of(I, 2)))
