# ed36ccf7: rotate 90 degrees counter-clockwise
rot270(I)
