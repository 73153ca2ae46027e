# 3c9b0459: rotate 180 degrees
rot180(I)
