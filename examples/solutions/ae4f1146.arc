# ae4f1146: crop the 3x3 block with the most blue cells
subgrid(argmax_objs(objects(pad(I, 5, 0), false, false, true), colour_count(subgrid(_, pad(I, 5, 0)), 1)), pad(I, 5, 0))
