# 6d0aefbc: place the horizontal mirror to the right of the input
hconcat(I, vmirror(I))
