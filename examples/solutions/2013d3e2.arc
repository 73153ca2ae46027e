# 2013d3e2: crop to the object and keep its top-left 3x3 quarter
crop(crop_content(I), (0, 0), (3, 3))
