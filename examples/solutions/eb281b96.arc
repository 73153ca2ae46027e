# eb281b96: reflect the band downwards back and forth
vconcat(vconcat(vconcat(I, crop(hmirror(I), (1, 0), point(sub(height(I), 2), width(I)))), vconcat(I, crop(hmirror(I), (1, 0), point(sub(height(I), 2), width(I))))), row(I, 0))
