# 54d82841: drop a yellow marker to the bottom row under the open middle of each cup shape
overlay_grids(I, gravity(fill(canvas(0, shape(I)), 4, intersection(intersection(shift_idx(foreground(I), (0, 1)), shift_idx(foreground(I), (0, -1))), intersection(foreground(I), shift_idx(cells_of(I, 0), (-1, 0))))), (1, 0)))
