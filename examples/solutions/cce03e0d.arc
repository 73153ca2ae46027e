# cce03e0d: copies of the input placed where the input is red
where(cells_of(upscale(I, 3), 2), tile(I, 3, 3), mono(upscale(I, 3), 0))
