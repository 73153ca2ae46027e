# b548a754: stretch the box so that it reaches the azure marker
fill(fill(replace(I, 8, 0), colour_by_count(I, 2), idx_bbox(foreground(I))), main_colour(I), outline(to_obj(idx_bbox(foreground(I)), I)))
