# e9afcf9a: interleave the two rows in a checkerboard
where(nonzero_cells(extend_periodic(hconcat(canvas(1, (1, 1)), canvas(0, (1, 1))), shape(I))), I, hmirror(I))
