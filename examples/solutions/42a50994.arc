# 42a50994: remove cells that touch no other cell, even diagonally
paint_all(mono(I, 0), filter_objs(components8(I), lt_int(1, obj_size(_))))
