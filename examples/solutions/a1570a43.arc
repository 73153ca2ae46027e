# a1570a43: move the red shape inside the frame of four green corners
paint(cover(I, to_obj(cells_of(I, 2), I)), move_to(to_obj(cells_of(I, 2), I), add_point(idx_ulcorner(cells_of(I, 3)), (1, 1))))
