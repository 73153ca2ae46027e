# 72ca375d: crop the left-right symmetric object
obj_grid(first(filter_objs(components8(I), is_empty_idx(mask_neq(obj_grid(_), vmirror(obj_grid(_)))))))
