# 74dd1130: transpose
dmirror(I)
