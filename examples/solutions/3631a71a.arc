# 3631a71a: restore the symmetric pattern under the maroon patches
fill_symmetric(I, 9)
