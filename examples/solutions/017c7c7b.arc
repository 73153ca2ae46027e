# 017c7c7b: continue the vertical repeating pattern to 9 rows and recolour blue to red
replace(extend_periodic(I, (9, 3)), 1, 2)
