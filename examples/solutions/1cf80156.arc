# 1cf80156: crop to the single object
crop_content(I)
