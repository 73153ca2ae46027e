# e98196ab: the two halves of the input (split by a separator) combined cell-wise
overlay_grids(tophalf(I), bottomhalf(I))
