# 05269061: complete the repeating diagonal pattern over the empty cells
fill_periodic(I, 0)
