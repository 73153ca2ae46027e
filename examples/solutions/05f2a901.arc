# 05f2a901: slide the red shape straight towards the azure square until they touch
paint(cover(I, first(filter_colour(colour_objects(I), 2))), gravitate(first(filter_colour(colour_objects(I), 2)), first(filter_colour(colour_objects(I), 8))))
