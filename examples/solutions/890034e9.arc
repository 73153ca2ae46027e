# 890034e9: copy the hollow rectangle (rarest colour) around the largest other black rectangle in the noise
fill(I, least_colour(I), outbox(to_obj(largest_rect(fill(I, least_colour(I), bbox(largest(filter_colour(components(I), least_colour(I))))), 0, 2), I)))
