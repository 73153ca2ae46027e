# c9e6f938: the grid followed by its mirror image
hconcat(I, vmirror(I))
