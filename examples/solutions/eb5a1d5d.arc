# eb5a1d5d: collapse repeated rows and columns, leaving one cell per nested ring
dedup_cols(dedup_rows(I))
