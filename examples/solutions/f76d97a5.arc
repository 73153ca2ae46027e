# f76d97a5: grey cells take the other colour, everything else turns black
where(cells_of(I, 5), remove_colour(I, 5), mono(I, 0))
