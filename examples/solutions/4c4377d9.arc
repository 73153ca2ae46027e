# 4c4377d9: stack the vertically flipped input above the input
vconcat(hmirror(I), I)
