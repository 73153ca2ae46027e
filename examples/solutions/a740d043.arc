# a740d043: crop the drawing and turn the blue background black
replace(crop_content(I), 1, 0)
