# d511f180: exchange grey and azure
swap(I, 5, 8)
