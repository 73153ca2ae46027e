# 8e5a5113: the second and third panels are the first panel rotated by 90 and 180 degrees
hconcat(crop(I, (0, 0), (3, 4)), hconcat(hconcat(rot90(crop(I, (0, 0), (3, 3))), column(I, 3)), rot180(crop(I, (0, 0), (3, 3)))))
