# d10ecb37: the top-left 2x2 corner
crop(I, (0, 0), (2, 2))
