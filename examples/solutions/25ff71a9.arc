# 25ff71a9: move everything down by one row
shift(I, (1, 0))
