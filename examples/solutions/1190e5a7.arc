# 1190e5a7: a background-coloured grid with one cell per compartment between the lines
canvas(background(I), point(colour_count(column(dedup_rows(I), 0), background(I)), colour_count(row(dedup_cols(I), 0), background(I))))
