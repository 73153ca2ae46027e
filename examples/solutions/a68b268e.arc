# a68b268e: overlay the four quadrants with priority top-left, top-right, bottom-left, bottom-right
overlay_grids(overlay_grids(overlay_grids(righthalf(bottomhalf(I)), lefthalf(bottomhalf(I))), righthalf(tophalf(I))), lefthalf(tophalf(I)))
