# 9172f3a0: scale up by 3
upscale(I, 3)
