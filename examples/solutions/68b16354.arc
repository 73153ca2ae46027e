# 68b16354: flip upside down
hmirror(I)
