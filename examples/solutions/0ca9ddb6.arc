# 0ca9ddb6: yellow on the diagonal neighbours of red cells, orange on the orthogonal neighbours of blue cells
underfill(underfill(I, 4, difference(dilate8(cells_of(I, 2)), dilate4(cells_of(I, 2)))), 7, dilate4(cells_of(I, 1)))
