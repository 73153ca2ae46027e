# e9614598: a green plus midway between the two blue cells
fill(I, 3, dilate4(point_idx(center(to_obj(cells_of(I, 1), I)))))
