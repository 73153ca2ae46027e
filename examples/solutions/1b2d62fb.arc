# 1b2d62fb: the two halves of the input (split by a separator) combined cell-wise
grid_nor(lefthalf(I), righthalf(I), 8)
