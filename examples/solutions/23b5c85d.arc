# 23b5c85d: crop the smallest rectangle
subgrid(smallest(components(I)), I)
