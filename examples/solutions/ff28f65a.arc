# ff28f65a: count the red squares: that many blue marks on alternate cells of a 3x3
reshape(resize(extend_periodic(hconcat(canvas(1, (1, 1)), canvas(0, (1, 1))), point(1, dec(double(count_objs(components(I)))))), (1, 9), 0), (3, 3))
