# 6b9890af: scale the small shape up to fill the red frame
pad(upscale(obj_grid(smallest(components8(I))), div(sub(obj_height(largest(components8(I))), 2), 3)), 1, 2)
