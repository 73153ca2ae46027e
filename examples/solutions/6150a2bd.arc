# 6150a2bd: rotate 180 degrees
rot180(I)
