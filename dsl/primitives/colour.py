"""Colour: replace, swap, keep/remove colours, palette statistics, colour lookups, filling index sets."""
from __future__ import annotations

import numpy as np

from ..grid import Grid, Indices
from ..registry import primitive
from ..types import Colour, Point
from ._util import G, bg_colour, need, require


def _counts(g: Grid) -> np.ndarray:
    return np.bincount(g.a.ravel(), minlength=10)


@primitive("colour", weight=2.0)
def replace(g: Grid, a: Colour, b: Colour) -> Grid:
    """Change every cell of colour a to colour b."""
    return G(np.where(g.a == a, np.int8(b), g.a))


@primitive("colour")
def swap(g: Grid, a: Colour, b: Colour) -> Grid:
    """Exchange colours a and b everywhere."""
    x = g.a
    return G(np.where(x == a, np.int8(b), np.where(x == b, np.int8(a), x)))


@primitive("colour")
def keep_colour(g: Grid, c: Colour) -> Grid:
    """Keep only cells of colour c; every other cell becomes the background colour."""
    bg = bg_colour(g.a)
    return G(np.where(g.a == c, g.a, np.int8(bg if bg != c else 0)))


@primitive("colour")
def remove_colour(g: Grid, c: Colour) -> Grid:
    """Turn cells of colour c into the background colour (the most common other colour if c is the background)."""
    cnt = _counts(g)
    cnt[c] = -1
    return G(np.where(g.a == c, np.int8(int(cnt.argmax())), g.a))


@primitive("colour", weight=1.5)
def recolor_all(g: Grid, c: Colour) -> Grid:
    """Paint every non-background cell with colour c."""
    return G(np.where(g.a != bg_colour(g.a), np.int8(c), g.a))


@primitive("colour")
def binarise(g: Grid, fg: Colour, bgc: Colour) -> Grid:
    """Non-background cells become fg, background cells become bgc."""
    return G(np.where(g.a != bg_colour(g.a), np.int8(fg), np.int8(bgc)))


@primitive("colour", weight=2.0)
def background(g: Grid) -> Colour:
    """The most common colour of the grid (ties: the smallest)."""
    return bg_colour(g.a)


@primitive("colour")
def least_colour(g: Grid) -> Colour:
    """The least common colour present in the grid (ties: the smallest)."""
    cnt = _counts(g).astype(np.int64)
    cnt[cnt == 0] = 1 << 40
    return int(cnt.argmin())


@primitive("colour")
def main_colour(g: Grid) -> Colour:
    """The most common non-background colour (the background itself if there is no other)."""
    cnt = _counts(g)
    bg = int(cnt.argmax())
    cnt[bg] = 0
    return int(cnt.argmax()) if cnt.any() else bg


@primitive("colour")
def minor_colour(g: Grid) -> Colour:
    """The least common non-background colour present (the background itself if there is no other)."""
    cnt = _counts(g).astype(np.int64)
    bg = int(cnt.argmax())
    cnt[bg] = 0
    cnt[cnt == 0] = 1 << 40
    return int(cnt.argmin()) if (cnt < (1 << 40)).any() else bg


@primitive("colour")
def colour_count(g: Grid, c: Colour) -> int:
    """Number of cells of colour c."""
    return int((g.a == c).sum())


@primitive("colour")
def num_colours(g: Grid) -> int:
    """Number of distinct colours in the grid."""
    return int((_counts(g) > 0).sum())


@primitive("colour")
def colour_at(g: Grid, p: Point) -> Colour:
    """Colour of the cell at (row, col) p (negative indices count from the end)."""
    r, c = p
    require(-g.h <= r < g.h and -g.w <= c < g.w, f"cell {p} is outside the {g.h}x{g.w} grid")
    return int(g.a[r, c])


@primitive("colour")
def has_colour(g: Grid, c: Colour) -> bool:
    """Whether any cell has colour c."""
    return bool((g.a == c).any())


@primitive("colour", weight=1.5)
def cells_of(g: Grid, c: Colour) -> Indices:
    """Positions of all cells of colour c."""
    return Indices(0, 0, g.a == c)


@primitive("colour")
def foreground(g: Grid) -> Indices:
    """Positions of all cells that are not the background colour."""
    return Indices(0, 0, g.a != bg_colour(g.a))


@primitive("colour", weight=1.5)
def fill(g: Grid, c: Colour, idx: Indices) -> Grid:
    """Paint colour c at the given positions (positions outside the grid are ignored)."""
    out = g.a.copy()
    _paint_mask(out, idx, c, only_bg=None)
    return G(out)


@primitive("colour")
def underfill(g: Grid, c: Colour, idx: Indices) -> Grid:
    """Paint colour c at the given positions, but only over background cells."""
    out = g.a.copy()
    _paint_mask(out, idx, c, only_bg=bg_colour(g.a))
    return G(out)


def _paint_mask(out: np.ndarray, idx: Indices, c: int, only_bg: int | None) -> None:
    if idx.is_empty():
        return
    h, w = out.shape
    r0, c0 = max(0, idx.top), max(0, idx.left)
    r1, c1 = min(h, idx.top + idx.h), min(w, idx.left + idx.w)
    if r0 >= r1 or c0 >= c1:
        return
    m = idx.m[r0 - idx.top:r1 - idx.top, c0 - idx.left:c1 - idx.left]
    view = out[r0:r1, c0:c1]
    if only_bg is not None:
        m = m & (view == only_bg)
    view[m] = c


@primitive("colour")
def colour_by_count(g: Grid, rank: int) -> Colour:
    """The colour with the rank-th largest cell count (0 = most common; ties by smaller colour)."""
    cnt = _counts(g)
    present = [c for c in np.argsort(-cnt, kind="stable") if cnt[c] > 0]
    require(0 <= rank < len(present), f"colour rank {rank} but only {len(present)} colours")
    return int(present[rank])


@primitive("colour")
def mono(g: Grid, c: Colour) -> Grid:
    """A grid of the same size filled entirely with colour c."""
    return G(np.full_like(g.a, c))


@primitive("colour")
def sort_colours_by_count(g: Grid) -> Grid:
    """A 1-column grid listing the grid's colours from most to least common."""
    cnt = _counts(g)
    order = [c for c in np.argsort(-cnt, kind="stable") if cnt[c] > 0]
    return G(np.array(order, dtype=np.int8).reshape(-1, 1))


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
