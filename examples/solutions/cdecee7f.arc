# cdecee7f: the dot colours in column order, written into a 3x3 in a snake
vconcat(vconcat(row(reshape(resize(read_colours(dmirror(I)), (1, 9), 0), (3, 3)), 0), vmirror(row(reshape(resize(read_colours(dmirror(I)), (1, 9), 0), (3, 3)), 1))), row(reshape(resize(read_colours(dmirror(I)), (1, 9), 0), (3, 3)), 2))
