# 760b3cac: mirror the azure shape to the side the yellow shape points to
grid_if(eq_colour(colour_at(I, (3, 3)), 4), vconcat(hconcat(hconcat(vmirror(crop(I, (0, 3), (3, 3))), crop(I, (0, 3), (3, 3))), canvas(0, (3, 3))), bottomhalf(I)), vconcat(hconcat(hconcat(canvas(0, (3, 3)), crop(I, (0, 3), (3, 3))), vmirror(crop(I, (0, 3), (3, 3)))), bottomhalf(I)))
