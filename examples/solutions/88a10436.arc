# 88a10436: copy the shape so that it is centred on the grey cell
paint(replace(I, 5, 0), move_to(largest(multicolour_objects(I)), add_point(idx_ulcorner(cells_of(I, 5)), sub_point(ulcorner(largest(multicolour_objects(I))), center(largest(multicolour_objects(I)))))))
