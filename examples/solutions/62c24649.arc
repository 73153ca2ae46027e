# 62c24649: tile 2x2 with mirrored copies
mirror_tile(I)
