# 88a62173: output the quadrant that differs from the other three
grid_if(is_empty_idx(mask_neq(lefthalf(tophalf(I)), righthalf(tophalf(I)))), grid_if(is_empty_idx(mask_neq(lefthalf(tophalf(I)), lefthalf(bottomhalf(I)))), righthalf(bottomhalf(I)), lefthalf(bottomhalf(I))), grid_if(is_empty_idx(mask_neq(lefthalf(tophalf(I)), lefthalf(bottomhalf(I)))), righthalf(tophalf(I)), lefthalf(tophalf(I))))
