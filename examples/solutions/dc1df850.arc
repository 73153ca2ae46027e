# dc1df850: every red cell gets a blue ring
underfill(I, 1, dilate8(cells_of(I, 2)))
