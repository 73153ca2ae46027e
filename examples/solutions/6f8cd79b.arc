# 6f8cd79b: draw an 8 border around the grid
pad(trim(I), 1, 8)
