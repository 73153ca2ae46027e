# e179c5f4: a blue line bounces diagonally up from the bottom-left cell on an azure background
hmirror(extend_periodic(vconcat(fill(canvas(8, point(width(I), width(I))), 1, connect((0, 0), point(dec(width(I)), dec(width(I))))), crop(hmirror(fill(canvas(8, point(width(I), width(I))), 1, connect((0, 0), point(dec(width(I)), dec(width(I)))))), (1, 0), point(dec(width(I)), width(I)))), shape(I)))
