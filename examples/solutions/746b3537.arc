# 746b3537: collapse repeated rows and columns
dedup_rows(dedup_cols(I))
