# dae9d2b5: the two halves of the input (split by a separator) combined cell-wise
grid_or(lefthalf(I), righthalf(I), 6)
