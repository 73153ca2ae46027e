# 3de23699: crop inside the four corner markers and paint the shape in the marker colour
replace(trim(crop(I, idx_ulcorner(cells_of(I, least_colour(I))), idx_shape(cells_of(I, least_colour(I))))), main_colour(I), least_colour(I))
