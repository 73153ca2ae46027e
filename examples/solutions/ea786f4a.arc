# ea786f4a: draw both diagonals through the black centre in black
fill(I, 0, union(union(cast_rays(I, cells_of(I, 0), (1, 1)), cast_rays(I, cells_of(I, 0), (-1, -1))), union(cast_rays(I, cells_of(I, 0), (1, -1)), cast_rays(I, cells_of(I, 0), (-1, 1)))))
