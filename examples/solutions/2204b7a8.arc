# 2204b7a8: green dots take the colour of the nearer of the two border lines
grid_if(eq_colour(colour_at(I, (0, 0)), colour_at(I, (-1, 0))), hconcat(replace(lefthalf(I), 3, colour_at(I, (0, 0))), replace(righthalf(I), 3, colour_at(I, (0, -1)))), vconcat(replace(tophalf(I), 3, colour_at(I, (0, 0))), replace(bottomhalf(I), 3, colour_at(I, (-1, 0)))))
