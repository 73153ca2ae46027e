# 963e52fc: continue the horizontal pattern to double width
extend_periodic(I, point(height(I), double(width(I))))
