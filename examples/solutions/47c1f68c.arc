# 47c1f68c: take the top-left shape, recolour it with the divider colour and mirror it into four quadrants
mirror_tile(recolor_all(lefthalf(tophalf(I)), main_colour(I)))
