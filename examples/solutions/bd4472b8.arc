# bd4472b8: repeat the colours of the first row as full rows below the grey line
vconcat(crop(I, (0, 0), point(2, width(I))), extend_periodic(hupscale(dmirror(row(I, 0)), width(I)), point(sub(height(I), 2), width(I))))
