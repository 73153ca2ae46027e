# ded97339: join azure cells that share a row or column with azure lines
underfill(I, 8, union(intersection(cast_rays(I, cells_of(I, 8), (0, 1)), cast_rays(I, cells_of(I, 8), (0, -1))), intersection(cast_rays(I, cells_of(I, 8), (1, 0)), cast_rays(I, cells_of(I, 8), (-1, 0)))))
