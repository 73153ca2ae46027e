# bb43febb: fill the inside of each grey rectangle with red
fill(I, 2, union_map(filter_colour(objects(I, true, false, false), 5), difference(bbox(_), outline(_))))
