# 9565186b: every cell not of the majority colour becomes grey
binarise(I, 5, background(I))
