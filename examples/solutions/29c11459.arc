# 29c11459: each end colour fills its half of the row, with a grey cell in the middle
hconcat(hconcat(hupscale(column(I, 0), halve(width(I))), recolor_all(column(I, 0), 5)), hupscale(column(I, -1), halve(width(I))))
