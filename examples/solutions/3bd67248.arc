# 3bd67248: from the foot of the left line draw a red diagonal up to the top-right and a yellow floor
fill(fill(I, 4, cast_rays(I, difference(foreground(I), shift_idx(foreground(I), (-1, 0))), (0, 1))), 2, cast_rays(I, difference(foreground(I), shift_idx(foreground(I), (-1, 0))), (-1, 1)))
