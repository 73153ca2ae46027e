# 10fcaaa3: tile the input 2x2 and put azure on the diagonal neighbours of every coloured cell
underfill(tile(I, 2, 2), 8, union(union(shift_idx(foreground(tile(I, 2, 2)), (1, 1)), shift_idx(foreground(tile(I, 2, 2)), (1, -1))), union(shift_idx(foreground(tile(I, 2, 2)), (-1, 1)), shift_idx(foreground(tile(I, 2, 2)), (-1, -1)))))
