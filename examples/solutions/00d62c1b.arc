# 00d62c1b: fill the enclosed background regions with yellow
fill_enclosed(I, 4)
