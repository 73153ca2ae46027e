# 928ad970: draw a rectangle of the shape colour just inside the four grey markers
fill(I, main_colour(I), inbox(to_obj(cells_of(I, 5), I)))
