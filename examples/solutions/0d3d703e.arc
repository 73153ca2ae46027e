# 0d3d703e: fixed colour permutation 3<->4, 1<->5, 2<->6, 8<->9
swap(swap(swap(swap(I, 3, 4), 1, 5), 2, 6), 8, 9)
