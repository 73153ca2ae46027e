# 7b6016b9: fill the regions enclosed by the lines with 2 and the open background with 3
replace(fill_enclosed(I, 2), 0, 3)
