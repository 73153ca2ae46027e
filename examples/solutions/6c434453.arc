# 6c434453: replace every hollow square with a red plus sign
fill(fill(I, 0, dilate8(mask_neq(fill_enclosed(I, 2), I))), 2, dilate4(mask_neq(fill_enclosed(I, 2), I)))
