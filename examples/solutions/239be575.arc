# 239be575: azure if the two red squares are joined by a path of azure cells, else black
grid_if(any_obj(objects(I, false, false, true), eq_int(idx_size(intersection(indices_of(_), cells_of(I, 2))), 8)), canvas(8, (1, 1)), canvas(0, (1, 1)))
