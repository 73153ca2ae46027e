# d5d6de2d: the inside of each red frame turns green and the frames vanish
replace(fill_enclosed(I, 3), 2, 0)
