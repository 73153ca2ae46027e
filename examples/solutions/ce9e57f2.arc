# ce9e57f2: the lower half of every red bar turns azure
apply_to_objects(I, components(I), rot180(resize(mono(bottomhalf(_), 8), shape(_), 2)))
