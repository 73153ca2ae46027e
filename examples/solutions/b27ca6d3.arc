# b27ca6d3: surround every pair of red cells with green
underfill(I, 3, union_map(filter_size(components(I), 2), neighbours(_, true)))
