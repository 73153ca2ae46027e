# d406998b: grey cells in every second column counted from the right turn green
fill(I, 3, intersection(cells_of(I, 5), nonzero_cells(vmirror(extend_periodic(hconcat(canvas(1, (1, 1)), canvas(0, (1, 1))), shape(I))))))
