"""Logic: set algebra on index sets, and cell-wise boolean logic combining two same-size grids.

The grid-mask primitives (grid_and, grid_or, grid_xor, grid_nor, grid_andnot, grid_not, overlay_grids)
treat colour 0 (black) as "off" / background and every other colour as "on", whatever the grids' most
common colour is: that is what ARC's "combine the two halves" tasks use. Their results are 0 where off.
"""
from __future__ import annotations

import numpy as np

from ..grid import MAX_INNER_SIDE, Grid, Indices
from ..registry import primitive
from ..types import Colour, Point
from ._util import G, need, require

#: Largest side of an index set's bounding box (mirrors the bound in Indices itself).
_MAX_IDX_SIDE = MAX_INNER_SIDE * 3
#: Largest magnitude of an index set's top/left offset.
_MAX_OFFSET = 10_000


def _empty() -> Indices:
    return Indices(0, 0, np.zeros((0, 0), dtype=bool))


def _frame(a: Indices, b: Indices) -> tuple[int, int, np.ndarray, np.ndarray]:
    """Both masks placed on their common bounding box: (top, left, mask_a, mask_b); neither may be empty."""
    top, left = min(a.top, b.top), min(a.left, b.left)
    bottom, right = max(a.top + a.h, b.top + b.h), max(a.left + a.w, b.left + b.w)
    h, w = bottom - top, right - left
    require(h <= _MAX_IDX_SIDE and w <= _MAX_IDX_SIDE,
            f"combined index set of {h}x{w} exceeds the {_MAX_IDX_SIDE}x{_MAX_IDX_SIDE} bound")
    ma = np.zeros((h, w), dtype=bool)
    mb = np.zeros((h, w), dtype=bool)
    ma[a.top - top:a.top - top + a.h, a.left - left:a.left - left + a.w] = a.m
    mb[b.top - top:b.top - top + b.h, b.left - left:b.left - left + b.w] = b.m
    return top, left, ma, mb


def _on_grid(idx: Indices, h: int, w: int, top: int = 0, left: int = 0) -> np.ndarray:
    """The index set as a boolean mask of the h×w frame whose top-left is (top, left); the rest is dropped."""
    out = np.zeros((h, w), dtype=bool)
    if idx.is_empty():
        return out
    t, l = idx.top - top, idx.left - left
    r0, c0 = max(0, t), max(0, l)
    r1, c1 = min(h, t + idx.h), min(w, l + idx.w)
    if r0 < r1 and c0 < c1:
        out[r0:r1, c0:c1] = idx.m[r0 - t:r1 - t, c0 - l:c1 - l]
    return out


def _same_shape(name: str, a: Grid, b: Grid) -> None:
    require(a.shape == b.shape, f"{name} needs grids of the same size, got {a.h}x{a.w} and {b.h}x{b.w}")


def _binary(mask: np.ndarray, c: int) -> Grid:
    return G(np.where(mask, np.int8(c), np.int8(0)))


# ---------------------------------------------------------------- index-set algebra

@primitive("logic", weight=1.5)
def union(a: Indices, b: Indices) -> Indices:
    """Positions in a or in b."""
    if a.is_empty():
        return b
    if b.is_empty():
        return a
    top, left, ma, mb = _frame(a, b)
    return Indices(top, left, ma | mb)


@primitive("logic")
def intersection(a: Indices, b: Indices) -> Indices:
    """Positions in both a and b."""
    if a.is_empty() or b.is_empty():
        return _empty()
    r0, c0 = max(a.top, b.top), max(a.left, b.left)
    r1, c1 = min(a.top + a.h, b.top + b.h), min(a.left + a.w, b.left + b.w)
    if r0 >= r1 or c0 >= c1:
        return _empty()
    ma = a.m[r0 - a.top:r1 - a.top, c0 - a.left:c1 - a.left]
    mb = b.m[r0 - b.top:r1 - b.top, c0 - b.left:c1 - b.left]
    return Indices(r0, c0, ma & mb)


@primitive("logic")
def difference(a: Indices, b: Indices) -> Indices:
    """Positions in a but not in b."""
    if a.is_empty() or b.is_empty():
        return a
    return Indices(a.top, a.left, a.m & ~_on_grid(b, a.h, a.w, a.top, a.left))


@primitive("logic", weight=0.5)
def sym_difference(a: Indices, b: Indices) -> Indices:
    """Positions in exactly one of a and b."""
    if a.is_empty():
        return b
    if b.is_empty():
        return a
    top, left, ma, mb = _frame(a, b)
    return Indices(top, left, ma ^ mb)


@primitive("logic")
def complement(idx: Indices, dims: Point) -> Indices:
    """Positions of a grid of (height, width) dims that are not in idx."""
    h, w = dims
    need(h, w)
    return Indices(0, 0, ~_on_grid(idx, h, w))


@primitive("logic")
def all_cells(g: Grid) -> Indices:
    """Positions of every cell of the grid."""
    return Indices(0, 0, np.ones(g.shape, dtype=bool), normalise=False)


@primitive("logic")
def nonzero_cells(g: Grid) -> Indices:
    """Positions of every cell whose colour is not 0 (black)."""
    return Indices(0, 0, g.a != 0)


@primitive("logic")
def is_empty_idx(idx: Indices) -> bool:
    """Whether the index set has no positions."""
    return idx.is_empty()


@primitive("logic")
def idx_size(idx: Indices) -> int:
    """Number of positions in the index set."""
    return idx.size


@primitive("logic")
def idx_contains(idx: Indices, p: Point) -> bool:
    """Whether the (row, col) position p is in the index set."""
    r, c = p[0] - idx.top, p[1] - idx.left
    return bool(0 <= r < idx.h and 0 <= c < idx.w and idx.m[r, c])


@primitive("logic")
def shift_idx(idx: Indices, d: Point) -> Indices:
    """The index set moved by (drow, dcol)."""
    if idx.is_empty():
        return idx
    top, left = idx.top + d[0], idx.left + d[1]
    require(abs(top) <= _MAX_OFFSET and abs(left) <= _MAX_OFFSET, f"shifted index set at ({top},{left}) is too far out")
    return Indices(top, left, idx.m, normalise=False)


@primitive("logic")
def idx_ulcorner(idx: Indices) -> Point:
    """(row, col) of the top-left corner of the index set's bounding box."""
    require(not idx.is_empty(), "idx_ulcorner of an empty index set")
    return (idx.top, idx.left)


@primitive("logic")
def idx_shape(idx: Indices) -> Point:
    """(height, width) of the index set's bounding box ((0, 0) if empty)."""
    return (idx.h, idx.w)


@primitive("logic")
def idx_bbox(idx: Indices) -> Indices:
    """Every position inside the index set's bounding box (empty if the set is empty)."""
    if idx.is_empty():
        return idx
    return Indices(idx.top, idx.left, np.ones((idx.h, idx.w), dtype=bool), normalise=False)


# ---------------------------------------------------------------- cell-wise logic on two grids (0 = off)

@primitive("logic")
def grid_and(a: Grid, b: Grid, c: Colour) -> Grid:
    """Same-size grid: c where both a and b are non-zero, 0 elsewhere."""
    _same_shape("grid_and", a, b)
    return _binary((a.a != 0) & (b.a != 0), c)


@primitive("logic")
def grid_or(a: Grid, b: Grid, c: Colour) -> Grid:
    """Same-size grid: c where a or b is non-zero, 0 elsewhere."""
    _same_shape("grid_or", a, b)
    return _binary((a.a != 0) | (b.a != 0), c)


@primitive("logic")
def grid_xor(a: Grid, b: Grid, c: Colour) -> Grid:
    """Same-size grid: c where exactly one of a and b is non-zero, 0 elsewhere."""
    _same_shape("grid_xor", a, b)
    return _binary((a.a != 0) ^ (b.a != 0), c)


@primitive("logic")
def grid_nor(a: Grid, b: Grid, c: Colour) -> Grid:
    """Same-size grid: c where both a and b are 0, 0 elsewhere."""
    _same_shape("grid_nor", a, b)
    return _binary((a.a == 0) & (b.a == 0), c)


@primitive("logic")
def grid_andnot(a: Grid, b: Grid, c: Colour) -> Grid:
    """Same-size grid: c where a is non-zero and b is 0, 0 elsewhere."""
    _same_shape("grid_andnot", a, b)
    return _binary((a.a != 0) & (b.a == 0), c)


@primitive("logic")
def grid_not(g: Grid, c: Colour) -> Grid:
    """Invert the grid: cells of colour 0 become c, all other cells become 0."""
    return _binary(g.a == 0, c)


@primitive("logic")
def mask_eq(a: Grid, b: Grid) -> Indices:
    """Positions where two same-size grids have the same colour."""
    _same_shape("mask_eq", a, b)
    return Indices(0, 0, a.a == b.a)


@primitive("logic")
def mask_neq(a: Grid, b: Grid) -> Indices:
    """Positions where two same-size grids differ."""
    _same_shape("mask_neq", a, b)
    return Indices(0, 0, a.a != b.a)


@primitive("logic", weight=1.5)
def overlay_grids(a: Grid, b: Grid) -> Grid:
    """Same-size grid: b's non-zero cells drawn over a."""
    _same_shape("overlay_grids", a, b)
    return G(np.where(b.a != 0, b.a, a.a))


@primitive("logic")
def where(mask: Indices, a: Grid, b: Grid) -> Grid:
    """Same-size grid taking a's cells at the positions in mask and b's cells elsewhere."""
    _same_shape("where", a, b)
    return G(np.where(_on_grid(mask, a.h, a.w), a.a, b.a))


@primitive("logic")
def grid_if(cond: bool, a: Grid, b: Grid) -> Grid:
    """Grid a if cond holds, otherwise grid b."""
    return a if cond else b


@primitive("logic")
def colour_if(cond: bool, a: Colour, b: Colour) -> Colour:
    """Colour a if cond holds, otherwise colour b."""
    return a if cond else b


@primitive("logic")
def checker(g: Grid, p: Point) -> Indices:
    """Positions (r, c) of g whose parity of r + c equals that of the point p (a checkerboard through p)."""
    h, w = g.shape
    r = np.arange(h)[:, None]
    c = np.arange(w)[None, :]
    return Indices(0, 0, ((r + c) % 2) == ((p[0] + p[1]) % 2))


@primitive("logic")
def point_idx(p: Point) -> Indices:
    """The index set holding the single position p."""
    return Indices(int(p[0]), int(p[1]), np.ones((1, 1), dtype=bool))
