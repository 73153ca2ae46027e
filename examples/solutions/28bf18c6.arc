# 28bf18c6: crop the object and repeat it twice side by side
tile(crop_content(I), 1, 2)
