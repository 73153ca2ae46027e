# 6fa7a44f: stack the input above its vertical flip
vconcat(I, hmirror(I))
