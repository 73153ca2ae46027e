# 623ea044: draw both diagonals through the pixel to the grid edges
fill(I, main_colour(I), union(union(cast_rays(I, foreground(I), (1, 1)), cast_rays(I, foreground(I), (-1, -1))), union(cast_rays(I, foreground(I), (1, -1)), cast_rays(I, foreground(I), (-1, 1)))))
