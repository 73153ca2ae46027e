"""Geometry: rotations, mirrors, crops, halves, scaling, tiling, concatenation, splitting, padding."""
from __future__ import annotations

import numpy as np

from ..grid import Grid
from ..registry import primitive
from ..types import Colour, Grids, Point
from ._lattice import find_lattice, lattice_ids
from ._util import G, bg_colour, need, require


@primitive("geometry", weight=2.0)
def rot90(g: Grid) -> Grid:
    """Rotate the grid 90 degrees clockwise."""
    return G(np.rot90(g.a, -1))


@primitive("geometry", weight=2.0)
def rot180(g: Grid) -> Grid:
    """Rotate the grid 180 degrees."""
    return G(np.rot90(g.a, 2))


@primitive("geometry", weight=2.0)
def rot270(g: Grid) -> Grid:
    """Rotate the grid 90 degrees counter-clockwise."""
    return G(np.rot90(g.a, 1))


@primitive("geometry", weight=2.0)
def hmirror(g: Grid) -> Grid:
    """Flip the grid upside down (mirror across the horizontal axis)."""
    return G(g.a[::-1, :])


@primitive("geometry", weight=2.0)
def vmirror(g: Grid) -> Grid:
    """Flip the grid left-right (mirror across the vertical axis)."""
    return G(g.a[:, ::-1])


@primitive("geometry", weight=2.0)
def dmirror(g: Grid) -> Grid:
    """Transpose the grid (mirror across the main diagonal)."""
    return G(g.a.T)


@primitive("geometry")
def cmirror(g: Grid) -> Grid:
    """Mirror the grid across the anti-diagonal."""
    return G(np.rot90(g.a, 2).T)


@primitive("geometry")
def crop(g: Grid, start: Point, dims: Point) -> Grid:
    """Sub-grid starting at (row, col) `start` with (height, width) `dims`."""
    r, c = start
    h, w = dims
    require(r >= 0 and c >= 0 and h > 0 and w > 0 and r + h <= g.h and c + w <= g.w,
            f"crop {start}+{dims} is outside the {g.h}x{g.w} grid")
    return G(g.a[r:r + h, c:c + w])


@primitive("geometry")
def trim(g: Grid) -> Grid:
    """Remove the outermost row and column on every side."""
    require(g.h > 2 and g.w > 2, "trim needs a grid of at least 3x3")
    return G(g.a[1:-1, 1:-1])


@primitive("geometry")
def crop_content(g: Grid) -> Grid:
    """Crop to the bounding box of all cells that differ from the background (most common colour)."""
    a = g.a
    m = a != bg_colour(a)
    require(bool(m.any()), "crop_content: grid has only background")
    rows, cols = np.flatnonzero(m.any(1)), np.flatnonzero(m.any(0))
    return G(a[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1])


@primitive("geometry")
def tophalf(g: Grid) -> Grid:
    """Upper half of the grid (the middle row of an odd height is excluded)."""
    require(g.h >= 2, "tophalf needs at least 2 rows")
    return G(g.a[: g.h // 2])


@primitive("geometry")
def bottomhalf(g: Grid) -> Grid:
    """Lower half of the grid (the middle row of an odd height is excluded)."""
    require(g.h >= 2, "bottomhalf needs at least 2 rows")
    return G(g.a[g.h - g.h // 2:])


@primitive("geometry")
def lefthalf(g: Grid) -> Grid:
    """Left half of the grid (the middle column of an odd width is excluded)."""
    require(g.w >= 2, "lefthalf needs at least 2 columns")
    return G(g.a[:, : g.w // 2])


@primitive("geometry")
def righthalf(g: Grid) -> Grid:
    """Right half of the grid (the middle column of an odd width is excluded)."""
    require(g.w >= 2, "righthalf needs at least 2 columns")
    return G(g.a[:, g.w - g.w // 2:])


@primitive("geometry")
def hconcat(a: Grid, b: Grid) -> Grid:
    """Place b to the right of a (heights must match)."""
    require(a.h == b.h, f"hconcat needs equal heights, got {a.h} and {b.h}")
    need(a.h, a.w + b.w)
    return G(np.hstack([a.a, b.a]))


@primitive("geometry")
def vconcat(a: Grid, b: Grid) -> Grid:
    """Place b below a (widths must match)."""
    require(a.w == b.w, f"vconcat needs equal widths, got {a.w} and {b.w}")
    need(a.h + b.h, a.w)
    return G(np.vstack([a.a, b.a]))


@primitive("geometry")
def upscale(g: Grid, k: int) -> Grid:
    """Scale the grid up by an integer factor k (each cell becomes a k×k block)."""
    require(k >= 1, "upscale factor must be >= 1")
    need(g.h * k, g.w * k)
    return G(np.kron(g.a, np.ones((k, k), dtype=np.int8)))


@primitive("geometry")
def hupscale(g: Grid, k: int) -> Grid:
    """Stretch the grid horizontally by an integer factor k."""
    require(k >= 1, "hupscale factor must be >= 1")
    need(g.h, g.w * k)
    return G(np.repeat(g.a, k, axis=1))


@primitive("geometry")
def vupscale(g: Grid, k: int) -> Grid:
    """Stretch the grid vertically by an integer factor k."""
    require(k >= 1, "vupscale factor must be >= 1")
    need(g.h * k, g.w)
    return G(np.repeat(g.a, k, axis=0))


@primitive("geometry")
def downscale(g: Grid, k: int) -> Grid:
    """Scale down by factor k, keeping the top-left cell of every k×k block."""
    require(k >= 1 and g.h % k == 0 and g.w % k == 0, f"downscale by {k} needs sides divisible by {k}")
    return G(g.a[::k, ::k])


@primitive("geometry")
def tile(g: Grid, rows: int, cols: int) -> Grid:
    """Repeat the grid `rows` times vertically and `cols` times horizontally."""
    require(rows >= 1 and cols >= 1, "tile counts must be >= 1")
    need(g.h * rows, g.w * cols)
    return G(np.tile(g.a, (rows, cols)))


@primitive("geometry")
def mirror_tile(g: Grid) -> Grid:
    """2×2 tiling with mirrors: [g, vmirror g; hmirror g, rot180 g]."""
    need(g.h * 2, g.w * 2)
    top = np.hstack([g.a, g.a[:, ::-1]])
    return G(np.vstack([top, top[::-1]]))


@primitive("geometry")
def pad(g: Grid, n: int, c: Colour) -> Grid:
    """Surround the grid with a border n cells wide of colour c."""
    require(n >= 0, "pad width must be >= 0")
    need(g.h + 2 * n, g.w + 2 * n)
    return G(np.pad(g.a, n, constant_values=c))


@primitive("geometry")
def canvas(c: Colour, dims: Point) -> Grid:
    """A new grid of (height, width) `dims` filled with colour c."""
    need(dims[0], dims[1])
    return G(np.full(dims, c, dtype=np.int8))


@primitive("geometry")
def resize(g: Grid, dims: Point, c: Colour) -> Grid:
    """Place the grid at the top-left of a canvas of (height, width) `dims` filled with c, cropping any excess."""
    h, w = dims
    need(h, w)
    out = np.full((h, w), c, dtype=np.int8)
    hh, ww = min(h, g.h), min(w, g.w)
    out[:hh, :ww] = g.a[:hh, :ww]
    return G(out)


@primitive("geometry")
def shift(g: Grid, d: Point) -> Grid:
    """Move the whole content by (drow, dcol), filling vacated cells with the background colour."""
    dr, dc = d
    a = g.a
    out = np.full_like(a, bg_colour(a))
    h, w = a.shape
    r0, r1 = max(0, dr), min(h, h + dr)
    c0, c1 = max(0, dc), min(w, w + dc)
    if r0 < r1 and c0 < c1:
        out[r0:r1, c0:c1] = a[r0 - dr:r1 - dr, c0 - dc:c1 - dc]
    return G(out)


@primitive("geometry")
def roll(g: Grid, d: Point) -> Grid:
    """Cyclically shift the grid by (drow, dcol), wrapping around the edges."""
    return G(np.roll(g.a, d, axis=(0, 1)))


@primitive("geometry")
def shape(g: Grid) -> Point:
    """(height, width) of the grid."""
    return (g.h, g.w)


@primitive("geometry")
def height(g: Grid) -> int:
    """Number of rows."""
    return g.h


@primitive("geometry")
def width(g: Grid) -> int:
    """Number of columns."""
    return g.w


@primitive("geometry")
def hsplit(g: Grid, n: int) -> Grids:
    """Split into n equal vertical strips, left to right (a separator column between strips is dropped)."""
    require(1 <= n <= g.w, f"hsplit into {n} parts needs 1 <= n <= width")
    sep = 1 if (g.w - (n - 1)) % n == 0 and g.w % n != 0 else 0
    w = (g.w - sep * (n - 1)) // n
    require(w >= 1 and w * n + sep * (n - 1) == g.w, f"width {g.w} does not split into {n} equal parts")
    return tuple(G(g.a[:, i * (w + sep): i * (w + sep) + w]) for i in range(n))


@primitive("geometry")
def vsplit(g: Grid, n: int) -> Grids:
    """Split into n equal horizontal strips, top to bottom (a separator row between strips is dropped)."""
    require(1 <= n <= g.h, f"vsplit into {n} parts needs 1 <= n <= height")
    sep = 1 if (g.h - (n - 1)) % n == 0 and g.h % n != 0 else 0
    h = (g.h - sep * (n - 1)) // n
    require(h >= 1 and h * n + sep * (n - 1) == g.h, f"height {g.h} does not split into {n} equal parts")
    return tuple(G(g.a[i * (h + sep): i * (h + sep) + h]) for i in range(n))


@primitive("geometry")
def row(g: Grid, i: int) -> Grid:
    """Row i as a 1-row grid (negative i counts from the bottom)."""
    require(-g.h <= i < g.h, f"row {i} is outside a grid of {g.h} rows")
    return G(g.a[i:i + 1] if i != -1 else g.a[-1:])


@primitive("geometry")
def column(g: Grid, j: int) -> Grid:
    """Column j as a 1-column grid (negative j counts from the right)."""
    require(-g.w <= j < g.w, f"column {j} is outside a grid of {g.w} columns")
    return G(g.a[:, j:j + 1] if j != -1 else g.a[:, -1:])


@primitive("geometry")
def dedup_rows(g: Grid) -> Grid:
    """Collapse runs of identical consecutive rows into one."""
    a = g.a
    keep = [0] + [i for i in range(1, a.shape[0]) if not np.array_equal(a[i], a[i - 1])]
    return G(a[keep])


@primitive("geometry")
def dedup_cols(g: Grid) -> Grid:
    """Collapse runs of identical consecutive columns into one."""
    a = g.a
    keep = [0] + [j for j in range(1, a.shape[1]) if not np.array_equal(a[:, j], a[:, j - 1])]
    return G(a[:, keep])


@primitive("geometry")
def gravity(g: Grid, d: Point) -> Grid:
    """Slide every non-background cell as far as possible in direction d (a unit step), keeping the order along each line."""
    dr, dc = d
    require((abs(dr), abs(dc)) in ((1, 0), (0, 1)), "gravity needs a unit direction such as (1, 0)")
    a = g.a
    bg = bg_colour(a)
    # Work on rows moving right, then rotate back.
    t = a.T if dr else a
    if (dr if dr else dc) < 0:
        t = t[:, ::-1]
    out = np.full_like(t, bg)
    for i in range(t.shape[0]):
        vals = t[i][t[i] != bg]
        if vals.size:
            out[i, t.shape[1] - vals.size:] = vals
    if (dr if dr else dc) < 0:
        out = out[:, ::-1]
    if dr:
        out = out.T
    return G(np.ascontiguousarray(out))


@primitive("geometry")
def extend_periodic(g: Grid, dims: Point) -> Grid:
    """Continue the grid's repeating pattern (smallest repetition lattice) to (height, width) `dims`."""
    h, w = dims
    need(h, w)
    a = g.a
    p, q, s = find_lattice(a, np.ones(a.shape, dtype=bool))
    ids = lattice_ids(a.shape[0], a.shape[1], p, q, s)
    first = np.zeros(p * q, dtype=np.int8)
    first[ids] = a
    return G(first[lattice_ids(h, w, p, q, s)])


@primitive("geometry")
def remove_empty_lines(g: Grid) -> Grid:
    """The grid without every row and every column made only of the background colour."""
    a = g.a
    bg = bg_colour(a)
    rows = (a != bg).any(axis=1)
    cols = (a != bg).any(axis=0)
    require(bool(rows.any()), "remove_empty_lines: the grid has no non-background cell")
    return G(np.ascontiguousarray(a[rows][:, cols]))


@primitive("geometry")
def kron(a: Grid, b: Grid) -> Grid:
    """Each cell of a replaced by a copy of b whose non-zero cells take that cell's colour (a zero cell gives an all-zero block)."""
    ah, aw = a.shape
    bh, bw = b.shape
    need(ah * bh, aw * bw)
    mask = (b.a != 0).astype(a.a.dtype)
    return G(np.kron(a.a, mask).astype(a.a.dtype))


@primitive("geometry")
def reshape(g: Grid, dims: Point) -> Grid:
    """The grid's cells in reading order refilled row by row into (height, width) dims (cell counts must match)."""
    h, w = int(dims[0]), int(dims[1])
    require(h > 0 and w > 0 and h * w == g.a.size, "reshape needs dims holding exactly as many cells as the grid")
    need(h, w)
    return G(np.ascontiguousarray(g.a.reshape(h, w)))
