# 0dfd9992: restore the periodic wallpaper over the blacked-out cells
fill_periodic(I, 0)
