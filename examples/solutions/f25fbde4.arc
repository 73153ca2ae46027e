# f25fbde4: crop the shape and scale it up by 2
upscale(crop_content(I), 2)
