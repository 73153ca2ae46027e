# 6773b310: mark blue each cell of the 3x3 partition that holds two magenta pixels
stack_v(map_grids(vsplit(I, 3), stack_h(map_grids(hsplit(_, 3), canvas(int_to_colour(sub(colour_count(_, 6), 1)), (1, 1))))))
