# b6afb2da: grey rectangles get blue corners, yellow edges and red insides
fill(fill(replace(I, 5, 2), 4, union_map(filter_colour(objects(I, true, false, false), 5), outline(_))), 1, union_map(filter_colour(objects(I, true, false, false), 5), difference(outline(_), dilate4(difference(bbox(_), outline(_))))))
