# 3eda0437: fill the largest empty rectangle (at least 2x2) with magenta
fill(I, 6, largest_rect(I, 0, 2))
