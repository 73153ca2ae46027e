# be94b721: crop the largest object
obj_grid(largest(components(I)))
