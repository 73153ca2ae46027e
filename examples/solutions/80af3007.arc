# 80af3007: shrink the 3x3-block shape and draw it fractally inside itself
grid_and(upscale(downscale(crop_content(I), 3), 3), tile(downscale(crop_content(I), 3), 3, 3), 5)
