# c8f0f002: orange cells become grey
replace(I, 7, 5)
