# d90796e8: a green cell touching a red cell turns azure and the red cell vanishes
fill(fill(I, 8, intersection(cells_of(I, 3), dilate4(cells_of(I, 2)))), 0, intersection(cells_of(I, 2), dilate4(cells_of(I, 3))))
