# 0520fde7: the two halves of the input (split by a separator) combined cell-wise
grid_and(lefthalf(I), righthalf(I), 2)
