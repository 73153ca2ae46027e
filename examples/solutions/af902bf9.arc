# af902bf9: fill the inside of each rectangle of four yellow corners with red
fill(I, 2, intersection(cast_rays(I, intersection(cast_rays(I, cells_of(I, 4), (0, 1)), cast_rays(I, cells_of(I, 4), (0, -1))), (1, 0)), cast_rays(I, intersection(cast_rays(I, cells_of(I, 4), (0, 1)), cast_rays(I, cells_of(I, 4), (0, -1))), (-1, 0))))
