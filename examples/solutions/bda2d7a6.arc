# bda2d7a6: rotate the ring colours outward by one
swap(swap(I, colour_at(I, (0, 0)), colour_at(I, (2, 2))), colour_at(I, (0, 0)), colour_at(I, (1, 1)))
