# ba97ae07: swap which bar is on top at the crossing
where(union(intersection(idx_bbox(cells_of(I, colour_by_count(I, 1))), cells_of(I, colour_by_count(I, 2))), intersection(idx_bbox(cells_of(I, colour_by_count(I, 2))), cells_of(I, colour_by_count(I, 1)))), swap(I, colour_by_count(I, 1), colour_by_count(I, 2)), I)
