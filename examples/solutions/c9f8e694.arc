# c9f8e694: grey cells take the colour of the first cell of their row
where(cells_of(I, 5), hupscale(column(I, 0), width(I)), I)
