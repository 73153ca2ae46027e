# b94a9452: crop the square and swap its two colours
swap(crop_content(I), background(crop_content(I)), main_colour(crop_content(I)))
