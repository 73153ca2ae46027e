# a5313dff: fill enclosed regions with blue
fill_enclosed(I, 1)
