# 794b24be: count the blue cells and fill that many red cells along the top row, then the centre
vconcat(crop(resize(canvas(2, point(1, colour_count(I, 1))), (1, 4), 0), (0, 0), (1, 3)), vconcat(hconcat(hconcat(canvas(0, (1, 1)), crop(resize(canvas(2, point(1, colour_count(I, 1))), (1, 4), 0), (0, 3), (1, 1))), canvas(0, (1, 1))), canvas(0, (1, 3))))
