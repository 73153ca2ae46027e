# 8d5021e8: mirror the input left of itself, then stack flipped/normal/flipped copies vertically
vconcat(mirror_tile(rot180(I)), hmirror(hconcat(vmirror(I), I)))
