# 3af2c5a8: tile the input 2x2 with mirrored copies
mirror_tile(I)
