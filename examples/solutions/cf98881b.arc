# cf98881b: stack the three panels: yellow over maroon over blue
overlay_grids(overlay_grids(nth_grid(hsplit(I, 3), 2), nth_grid(hsplit(I, 3), 1)), first_grid(hsplit(I, 3)))
