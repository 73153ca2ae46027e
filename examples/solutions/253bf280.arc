# 253bf280: join azure cells that share a row or column with green lines
underfill(I, 3, union(intersection(cast_rays(I, cells_of(I, 8), (0, 1)), cast_rays(I, cells_of(I, 8), (0, -1))), intersection(cast_rays(I, cells_of(I, 8), (1, 0)), cast_rays(I, cells_of(I, 8), (-1, 0)))))
