# 810b9b61: recolour every closed blue loop green
fill(I, 3, intersection(cells_of(I, 1), dilate8(mask_neq(fill_enclosed(I, 3), I))))
