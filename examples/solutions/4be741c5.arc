# 4be741c5: list the colour bands in order along the axis they change
grid_if(eq_int(num_colours(column(I, 0)), 1), dedup_cols(row(I, 0)), dedup_rows(column(I, 0)))
