# 7b7f7511: keep one of the two repeated halves (split along the longer side)
grid_if(lt_int(height(I), width(I)), lefthalf(I), tophalf(I))
