# b91ae062: scale up by the number of non-background colours
upscale(I, dec(num_colours(I)))
