# 2dc579da: the quadrant (between the separator lines) that holds the odd cell
argmax_grids(hsplit(argmax_grids(vsplit(I, 2), num_colours(_)), 2), num_colours(_))
