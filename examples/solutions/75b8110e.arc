# 75b8110e: overlay the four quadrants with priority 5 > 6 > 9 > 4
overlay_grids(overlay_grids(overlay_grids(lefthalf(tophalf(I)), righthalf(bottomhalf(I))), lefthalf(bottomhalf(I))), righthalf(tophalf(I)))
