# a87f7484: crop the block whose pattern differs from the others
subgrid(odd_one_out(colour_objects(pad(I, 3, 0))), pad(I, 3, 0))
