# e3497940: fold the right side over the left along the grey axis
overlay_grids(lefthalf(I), vmirror(righthalf(I)))
