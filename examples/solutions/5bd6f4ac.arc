# 5bd6f4ac: crop the top-right 3x3 block
crop(I, (0, 6), (3, 3))
