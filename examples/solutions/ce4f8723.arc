# ce4f8723: the two halves of the input (split by a separator) combined cell-wise
grid_or(tophalf(I), bottomhalf(I), 3)
