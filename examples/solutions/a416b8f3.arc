# a416b8f3: the input twice side by side
hconcat(I, I)
