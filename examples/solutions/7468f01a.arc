# 7468f01a: crop the object and flip it left-right
vmirror(crop_content(I))
