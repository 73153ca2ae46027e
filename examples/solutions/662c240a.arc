# 662c240a: pick the 3x3 block that is not symmetric about its diagonal
grid_if(is_empty_idx(mask_neq(crop(I, (0, 0), (3, 3)), dmirror(crop(I, (0, 0), (3, 3))))), grid_if(is_empty_idx(mask_neq(crop(I, (3, 0), (3, 3)), dmirror(crop(I, (3, 0), (3, 3))))), crop(I, (6, 0), (3, 3)), crop(I, (3, 0), (3, 3))), crop(I, (0, 0), (3, 3)))
