# f25ffba3: mirror the bottom half into the top half
vconcat(hmirror(bottomhalf(I)), bottomhalf(I))
