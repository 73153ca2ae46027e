# bc1d5164: overlay the four 3x3 corners
overlay_grids(overlay_grids(overlay_grids(crop(I, (0, 0), (3, 3)), crop(I, (0, 4), (3, 3))), crop(I, (2, 0), (3, 3))), crop(I, (2, 4), (3, 3)))
