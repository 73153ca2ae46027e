# 5582e5ca: fill the grid with its most common colour
mono(I, background(I))
