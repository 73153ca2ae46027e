"""Contributed primitives (set D): directions, straight lines, row/column spans and row sorting."""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..grid import Grid, Indices
from ..registry import primitive
from ..types import Colour, Point
from ._util import G, bg_colour, need, require


def _sgn(x: int) -> int:
    return (x > 0) - (x < 0)


@primitive("arith")
def sign_point(p: Point) -> Point:
    """The unit direction (sign of row, sign of column) of p, e.g. (3, -2) -> (1, -1)."""
    return (_sgn(p[0]), _sgn(p[1]))


@primitive("logic")
def point_idx(p: Point) -> Indices:
    """The index set holding the single position p."""
    return Indices(int(p[0]), int(p[1]), np.ones((1, 1), dtype=bool))


@primitive("lines", weight=1.5)
def connect(a: Point, b: Point) -> Indices:
    """Positions on the straight (horizontal, vertical or diagonal) segment from a to b, both ends included."""
    dr, dc = b[0] - a[0], b[1] - a[1]
    require(dr == 0 or dc == 0 or abs(dr) == abs(dc), "connect needs two points on a common row, column or diagonal")
    n = max(abs(dr), abs(dc))
    need(n + 1, n + 1)
    sr, sc = _sgn(dr), _sgn(dc)
    return Indices.from_points((a[0] + k * sr, a[1] + k * sc) for k in range(n + 1))


def _mask_in(g: Grid, idx: Indices) -> np.ndarray:
    """Boolean h×w mask of the positions of idx that lie inside g."""
    h, w = g.shape
    out = np.zeros((h, w), dtype=bool)
    if idx.is_empty():
        return out
    t, l = idx.top, idx.left
    r0, c0 = max(0, t), max(0, l)
    r1, c1 = min(h, t + idx.m.shape[0]), min(w, l + idx.m.shape[1])
    if r0 < r1 and c0 < c1:
        out[r0:r1, c0:c1] = idx.m[r0 - t:r1 - t, c0 - l:c1 - l]
    return out


@primitive("lines")
def rows_through(g: Grid, idx: Indices) -> Indices:
    """Every position of g in a row that holds some position of idx (full-width horizontal lines)."""
    m = _mask_in(g, idx)
    return Indices(0, 0, np.repeat(m.any(axis=1, keepdims=True), m.shape[1], axis=1))


@primitive("lines")
def cols_through(g: Grid, idx: Indices) -> Indices:
    """Every position of g in a column that holds some position of idx (full-height vertical lines)."""
    m = _mask_in(g, idx)
    return Indices(0, 0, np.repeat(m.any(axis=0, keepdims=True), m.shape[0], axis=0))


@primitive("lines")
def uniform_lines(g: Grid, c: Colour) -> Indices:
    """Positions of every row and every column of g made entirely of colour c."""
    a = g.a == c
    return Indices(0, 0, a.all(axis=1, keepdims=True) | a.all(axis=0, keepdims=True))


@primitive("higher")
def sort_rows(g: Grid, key: Callable[[Grid], int]) -> Grid:
    """The grid's rows reordered by increasing key of each 1-row grid (ties keep their order)."""
    keys = [key(G(g.a[i:i + 1, :])) for i in range(g.shape[0])]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return G(np.ascontiguousarray(g.a[order, :]))


@primitive("higher")
def sort_cols(g: Grid, key: Callable[[Grid], int]) -> Grid:
    """The grid's columns reordered by increasing key of each 1-column grid (ties keep their order)."""
    keys = [key(G(g.a[:, j:j + 1])) for j in range(g.shape[1])]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return G(np.ascontiguousarray(g.a[:, order]))


@primitive("geometry")
def reshape(g: Grid, dims: Point) -> Grid:
    """The grid's cells in reading order refilled row by row into (height, width) dims (cell counts must match)."""
    h, w = int(dims[0]), int(dims[1])
    require(h > 0 and w > 0 and h * w == g.a.size, "reshape needs dims holding exactly as many cells as the grid")
    need(h, w)
    return G(np.ascontiguousarray(g.a.reshape(h, w)))


@primitive("colour")
def read_colours(g: Grid) -> Grid:
    """A 1-row grid of the non-background cells' colours in reading order (row by row, left to right)."""
    a = g.a
    vals = a[a != bg_colour(a)]
    require(vals.size > 0, "read_colours needs a non-background cell")
    need(1, int(vals.size))
    return G(np.ascontiguousarray(vals.reshape(1, -1)))


@primitive("colour")
def row_modes(g: Grid) -> Grid:
    """Every row filled entirely with that row's most common colour (ties: the smaller colour)."""
    a = g.a
    modes = np.array([bg_colour(r) for r in a], dtype=a.dtype)
    return G(np.repeat(modes[:, None], a.shape[1], axis=1))
