# 7fe24cdd: tile 2x2 with the four rotations of the input
vconcat(hconcat(I, rot90(I)), hconcat(rot270(I), rot180(I)))
