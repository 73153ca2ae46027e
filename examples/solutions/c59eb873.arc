# c59eb873: scale the grid up by 2
upscale(I, 2)
