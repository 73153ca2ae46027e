# 11852cab: complete the symmetric pattern around its centre
fill_symmetric(I, 0)
