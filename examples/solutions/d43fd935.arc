# d43fd935: shorter program using a partition/lines/symmetry primitive
extend_to_colour(I, 3)
