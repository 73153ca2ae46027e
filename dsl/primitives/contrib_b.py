"""Contributed primitives (set B): a grid conditional, enclosed-region filling and other general helpers."""
from __future__ import annotations

import numpy as np

from ..grid import Grid, Indices
from ..registry import primitive
from ..types import Colour, Point
from ._util import G, bg_colour, border_mask, flood, require


def _reach_border(free: np.ndarray) -> np.ndarray:
    """Cells of the mask `free` 4-connected to the grid border through free cells."""
    return flood(free, border_mask(free.shape))


@primitive("logic")
def grid_if(cond: bool, a: Grid, b: Grid) -> Grid:
    """Grid a if cond holds, otherwise grid b."""
    return a if cond else b


@primitive("objects")
def fill_enclosed(g: Grid, c: Colour) -> Grid:
    """Paint with colour c every background cell that cannot reach the grid border through background cells."""
    a = g.a
    free = a == bg_colour(a)
    inside = free & ~_reach_border(free)
    return G(np.where(inside, np.int8(c), a))


@primitive("objects")
def square_cover(g: Grid, c: Colour, k: int) -> Indices:
    """Positions covered by at least one k×k square made only of cells of colour c."""
    require(1 <= k <= 30, "square_cover needs a side k between 1 and 30")
    a = g.a == c
    h, w = a.shape
    out = np.zeros((h, w), dtype=bool)
    if k <= h and k <= w:
        full = np.ones((h - k + 1, w - k + 1), dtype=bool)
        for dr in range(k):
            for dc in range(k):
                full &= a[dr:dr + h - k + 1, dc:dc + w - k + 1]
        for dr in range(k):
            for dc in range(k):
                out[dr:dr + h - k + 1, dc:dc + w - k + 1] |= full
    return Indices(0, 0, out)


@primitive("objects")
def dilate8(idx: Indices) -> Indices:
    """The positions of idx together with every position 8-adjacent to one of them."""
    if idx.is_empty():
        return idx
    m = idx.m
    out = np.zeros((m.shape[0] + 2, m.shape[1] + 2), dtype=bool)
    for dr in range(3):
        for dc in range(3):
            out[dr:dr + m.shape[0], dc:dc + m.shape[1]] |= m
    return Indices(idx.top - 1, idx.left - 1, out)


@primitive("objects")
def dilate4(idx: Indices) -> Indices:
    """The positions of idx together with every position 4-adjacent (up, down, left, right) to one of them."""
    if idx.is_empty():
        return idx
    m = idx.m
    out = np.zeros((m.shape[0] + 2, m.shape[1] + 2), dtype=bool)
    for dr, dc in ((1, 1), (0, 1), (2, 1), (1, 0), (1, 2)):
        out[dr:dr + m.shape[0], dc:dc + m.shape[1]] |= m
    return Indices(idx.top - 1, idx.left - 1, out)


@primitive("lines")
def cast_rays(g: Grid, idx: Indices, d: Point) -> Indices:
    """Positions of g reached by stepping from each position of idx inside g in direction d until leaving g (starts excluded)."""
    dr, dc = d
    require((dr, dc) != (0, 0) and abs(dr) <= 1 and abs(dc) <= 1, "cast_rays needs a unit direction such as (0, 1)")
    h, w = g.shape
    src = np.zeros((h, w), dtype=bool)
    if not idx.is_empty():
        t, l = idx.top, idx.left
        r0, c0 = max(0, t), max(0, l)
        r1, c1 = min(h, t + idx.h), min(w, l + idx.w)
        if r0 < r1 and c0 < c1:
            src[r0:r1, c0:c1] = idx.m[r0 - t:r1 - t, c0 - l:c1 - l]
    out = np.zeros((h, w), dtype=bool)
    cur = src
    for _ in range(max(h, w)):
        nxt = np.zeros((h, w), dtype=bool)
        rs, rd = (slice(0, h - dr), slice(dr, h)) if dr >= 0 else (slice(-dr, h), slice(0, h + dr))
        cs, cd = (slice(0, w - dc), slice(dc, w)) if dc >= 0 else (slice(-dc, w), slice(0, w + dc))
        nxt[rd, cd] = cur[rs, cs]
        if not nxt.any():
            break
        out |= nxt
        cur = nxt
    return Indices(0, 0, out)
