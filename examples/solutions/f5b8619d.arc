# f5b8619d: columns holding a coloured cell get azure, then tile 2x2
tile(underfill(I, 8, union(cast_rays(I, foreground(I), (1, 0)), cast_rays(I, foreground(I), (-1, 0)))), 2, 2)
