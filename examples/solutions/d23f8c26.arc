# d23f8c26: keep only the middle column, blank the rest
hconcat(hconcat(mono(lefthalf(I), 0), column(I, halve(width(I)))), mono(righthalf(I), 0))
