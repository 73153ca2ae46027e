# 8eb1be9a: repeat the pattern band vertically over the whole grid
crop(tile(crop_content(I), add(div(height(I), height(crop_content(I))), 2), 1), point(mod(neg(point_row(idx_ulcorner(foreground(I)))), height(crop_content(I))), 0), shape(I))
