# ac0a08a4: scale up by the number of non-background colours
upscale(I, dec(num_colours(I)))
