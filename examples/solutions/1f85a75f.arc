# 1f85a75f: crop the largest object
subgrid(largest(components8(I)), I)
