# 496994bd: mirror the coloured rows onto the bottom
overlay_grids(I, hmirror(I))
