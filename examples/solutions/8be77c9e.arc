# 8be77c9e: the input stacked above its upside-down mirror
vconcat(I, hmirror(I))
