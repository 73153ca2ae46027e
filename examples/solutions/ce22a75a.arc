# ce22a75a: each grey dot becomes a 3x3 blue square
fill(I, 1, dilate8(cells_of(I, 5)))
