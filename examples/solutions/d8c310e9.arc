# d8c310e9: continue the repeating pattern to the right
extend_periodic(crop(I, (0, 0), point(height(I), point_col(idx_shape(foreground(I))))), shape(I))
