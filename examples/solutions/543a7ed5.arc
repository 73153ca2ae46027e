# 543a7ed5: outline every magenta shape in green and fill its holes with yellow
underfill(fill_enclosed(I, 4), 3, dilate8(cells_of(I, 6)))
