# 67a3c6ac: flip left-right
vmirror(I)
