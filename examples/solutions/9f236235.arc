# 9f236235: one cell per block of the partitioned grid, mirrored left-right
vmirror(downscale(resize(dedup_rows(dedup_cols(I)), add_point(shape(dedup_rows(dedup_cols(I))), (1, 1)), 0), 2))
