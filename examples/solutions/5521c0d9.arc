# 5521c0d9: lift every object by its own height
transform_objs(I, components(I), shift_obj(_, point(neg(obj_height(_)), 0)))
