"""Contributed primitives (set C): a colour conditional, stepped rays and removal of empty rows/columns."""
from __future__ import annotations

import numpy as np

from ..grid import Grid, Indices
from ..registry import primitive
from ..types import Colour, Point
from ._util import G, bg_colour, need, require


@primitive("logic")
def colour_if(cond: bool, a: Colour, b: Colour) -> Colour:
    """Colour a if cond holds, otherwise colour b."""
    return a if cond else b


@primitive("lines")
def cast_steps(g: Grid, idx: Indices, d: Point) -> Indices:
    """Positions of g reached from each position of idx by whole multiples k >= 1 of the step d (e.g. (0, 2) for every other cell)."""
    dr, dc = d
    require((dr, dc) != (0, 0), "cast_steps needs a non-zero step")
    h, w = g.shape
    out = np.zeros((h, w), dtype=bool)
    if idx.is_empty():
        return Indices(0, 0, out)
    rs, cs = np.nonzero(idx.m)
    rs = rs + idx.top
    cs = cs + idx.left
    for _ in range(4 * max(h, w, *idx.m.shape)):
        rs, cs = rs + dr, cs + dc
        inside = (rs >= 0) & (rs < h) & (cs >= 0) & (cs < w)
        out[rs[inside], cs[inside]] = True
        alive = ~(((dr > 0) & (rs >= h)) | ((dr < 0) & (rs < 0)) | ((dc > 0) & (cs >= w)) | ((dc < 0) & (cs < 0))
                  | ((dr == 0) & ((rs < 0) | (rs >= h))) | ((dc == 0) & ((cs < 0) | (cs >= w))))
        rs, cs = rs[alive], cs[alive]
        if rs.size == 0:
            break
    return Indices(0, 0, out)


@primitive("geometry")
def remove_empty_lines(g: Grid) -> Grid:
    """The grid without every row and every column made only of the background colour."""
    a = g.a
    bg = bg_colour(a)
    rows = (a != bg).any(axis=1)
    cols = (a != bg).any(axis=0)
    require(bool(rows.any()), "remove_empty_lines: the grid has no non-background cell")
    return G(np.ascontiguousarray(a[rows][:, cols]))


@primitive("colour")
def map_colours(g: Grid, a: Grid, b: Grid) -> Grid:
    """g with every colour that occurs in a replaced by the colour at the same position (first occurrence) in b."""
    require(a.shape == b.shape, "map_colours needs two grids of the same size")
    table = np.arange(10, dtype=g.a.dtype)
    seen = np.zeros(10, dtype=bool)
    for x, y in zip(a.a.ravel().tolist(), b.a.ravel().tolist()):
        if not seen[x]:
            seen[x] = True
            table[x] = y
    return G(table[g.a])


@primitive("logic")
def checker(g: Grid, p: Point) -> Indices:
    """Positions (r, c) of g whose parity of r + c equals that of the point p (a checkerboard through p)."""
    h, w = g.shape
    r = np.arange(h)[:, None]
    c = np.arange(w)[None, :]
    return Indices(0, 0, ((r + c) % 2) == ((p[0] + p[1]) % 2))


@primitive("geometry")
def kron(a: Grid, b: Grid) -> Grid:
    """Each cell of a replaced by a copy of b whose non-zero cells take that cell's colour (a zero cell gives an all-zero block)."""
    ah, aw = a.shape
    bh, bw = b.shape
    need(ah * bh, aw * bw)
    mask = (b.a != 0).astype(a.a.dtype)
    return G(np.kron(a.a, mask).astype(a.a.dtype))
