# 178fcbfb: red cells extend to full columns, then blue and green cells to full rows drawn on top
fill(fill(fill(I, 2, union(cast_rays(I, cells_of(I, 2), (1, 0)), cast_rays(I, cells_of(I, 2), (-1, 0)))), 1, union(cast_rays(I, cells_of(I, 1), (0, 1)), cast_rays(I, cells_of(I, 1), (0, -1)))), 3, union(cast_rays(I, cells_of(I, 3), (0, 1)), cast_rays(I, cells_of(I, 3), (0, -1))))
