# 31aa019c: keep only the cell of the unique colour and ring it with red
underfill(fill(mono(I, 0), least_colour(I), cells_of(I, least_colour(I))), 2, dilate8(cells_of(I, least_colour(I))))
