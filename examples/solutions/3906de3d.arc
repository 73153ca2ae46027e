# 3906de3d: red bars rise up their columns until they hit the blue shape
gravity(I, (-1, 0))
