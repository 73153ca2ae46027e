# 85c4e7cd: reverse the order of the ring colours (outermost <-> innermost)
map_colours(I, lefthalf(row(tophalf(I), -1)), vmirror(lefthalf(row(tophalf(I), -1))))
