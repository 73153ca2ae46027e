# 007bbfb7: each non-zero cell of the input is replaced by a copy of the input (fractal self-tiling)
where(nonzero_cells(upscale(I, 3)), tile(I, 3, 3), canvas(0, (9, 9)))
