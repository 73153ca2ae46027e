# 2c608aff: shorter program using a partition/lines/symmetry primitive
extend_to_colour(I, main_colour(I))
