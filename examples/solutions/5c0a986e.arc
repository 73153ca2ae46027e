# 5c0a986e: shoot a blue diagonal up-left from the blue square and a red diagonal down-right from the red square
fill(fill(I, 1, cast_rays(I, difference(cells_of(I, 1), union(shift_idx(cells_of(I, 1), (1, 0)), shift_idx(cells_of(I, 1), (0, 1)))), (-1, -1))), 2, cast_rays(I, difference(cells_of(I, 2), union(shift_idx(cells_of(I, 2), (-1, 0)), shift_idx(cells_of(I, 2), (0, -1)))), (1, 1)))
