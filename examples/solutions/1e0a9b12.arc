# 1e0a9b12: every coloured cell falls to the bottom of its column
gravity(I, (1, 0))
