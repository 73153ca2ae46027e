# 6430c8c4: the two halves of the input (split by a separator) combined cell-wise
grid_nor(tophalf(I), bottomhalf(I), 3)
