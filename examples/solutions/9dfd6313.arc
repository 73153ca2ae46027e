# 9dfd6313: transpose
dmirror(I)
