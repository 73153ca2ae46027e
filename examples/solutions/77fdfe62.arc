# 77fdfe62: colour each quadrant of the inner 8-pattern with the matching corner colour
where(cells_of(trim(trim(I)), 0), trim(trim(I)), upscale(vconcat(row(hconcat(column(I, 0), column(I, -1)), 0), row(hconcat(column(I, 0), column(I, -1)), -1)), halve(sub(height(I), 4))))
