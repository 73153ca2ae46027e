# b8cdaf2b: diagonal rays of the base centre colour rise from the ends of the top layer
fill(I, minor_colour(I), union(cast_rays(I, difference(indices_of(first(components(I))), shift_idx(indices_of(first(components(I))), (0, 1))), (-1, -1)), cast_rays(I, difference(indices_of(first(components(I))), shift_idx(indices_of(first(components(I))), (0, -1))), (-1, 1))))
