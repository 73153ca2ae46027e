# 6d75e8bb: fill the empty cells of the shape bounding box with 2
underfill(I, 2, idx_bbox(foreground(I)))
