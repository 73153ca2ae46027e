# b1948b0a: magenta becomes red
replace(I, 6, 2)
