# 855e0971: each hole extends across its band, perpendicular to the bands
grid_if(eq_int(obj_width(first(objects(I, true, false, false))), width(I)), fill(I, 0, union_map(objects(I, true, false, false), intersection(bbox(_), cols_through(I, delta(_))))), dmirror(fill(dmirror(I), 0, union_map(objects(dmirror(I), true, false, false), intersection(bbox(_), cols_through(dmirror(I), delta(_)))))))
