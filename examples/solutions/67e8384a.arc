# 67e8384a: tile 2x2 with mirrored copies
mirror_tile(I)
