# 1c786137: crop the inside of the largest single-colour object (a rectangular frame)
trim(subgrid(largest(components(I)), I))
