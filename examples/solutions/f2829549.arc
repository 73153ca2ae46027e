# f2829549: the two halves of the input (split by a separator) combined cell-wise
grid_nor(lefthalf(I), righthalf(I), 3)
