# b8825c91: repaint the yellow patch from the symmetric counterpart
fill_symmetric(I, 4)
