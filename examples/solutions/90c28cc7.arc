# 90c28cc7: collapse the block picture to one cell per block
dedup_rows(dedup_cols(crop_content(I)))
