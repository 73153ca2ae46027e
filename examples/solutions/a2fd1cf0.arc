# a2fd1cf0: connect red to green with an L-shaped azure path (horizontal from red, vertical to green)
underfill(I, 8, intersection(idx_bbox(union(cells_of(I, 2), cells_of(I, 3))), union(union(cast_rays(I, cells_of(I, 2), (0, 1)), cast_rays(I, cells_of(I, 2), (0, -1))), union(cast_rays(I, cells_of(I, 3), (1, 0)), cast_rays(I, cells_of(I, 3), (-1, 0))))))
