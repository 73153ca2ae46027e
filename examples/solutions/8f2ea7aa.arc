# 8f2ea7aa: the 3x3 shape is tiled into itself (fractal)
kron(crop_content(I), crop_content(I))
