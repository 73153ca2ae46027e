# 60b61512: fill the empty cells of each shape bounding box orange
underfill(I, 7, union_map(components8(I), bbox(_)))
