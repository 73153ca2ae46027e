# 50cb2852: paint the interior of every solid rectangle azure, leaving a one-cell border
fill(I, 8, intersection(intersection(shift_idx(foreground(I), (1, 0)), shift_idx(foreground(I), (-1, 0))), intersection(shift_idx(foreground(I), (0, 1)), shift_idx(foreground(I), (0, -1)))))
