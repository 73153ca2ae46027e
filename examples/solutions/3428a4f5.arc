# 3428a4f5: the two halves of the input (split by a separator) combined cell-wise
grid_xor(tophalf(I), bottomhalf(I), 3)
