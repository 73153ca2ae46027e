"""Lines: rays, crosses, diagonals, boxes and borders as index sets; drawing rays and joining cells on a grid;
flood fills and enclosed regions.

Drawing primitives look at the input grid only (what one ray paints never blocks another), paint over
background cells only, and stop a ray at the first non-background cell unless they say otherwise.
"""
from __future__ import annotations

import numpy as np

from ..grid import Grid, Indices
from ..registry import primitive
from ..types import Colour, Point
from ._util import G, bg_colour, border_mask, flood, need, require, sgn

_DIRS4 = ((0, 1), (0, -1), (1, 0), (-1, 0))


def _step(d: Point, name: str) -> tuple[int, int]:
    dr, dc = int(d[0]), int(d[1])
    require((dr, dc) != (0, 0), f"{name} needs a non-zero step such as (0, 1)")
    return dr, dc


def _inside(p: Point, h: int, w: int) -> bool:
    return 0 <= p[0] < h and 0 <= p[1] < w


def _walk(a: np.ndarray, r: int, c: int, dr: int, dc: int, bg: int) -> tuple[list[tuple[int, int]], int | None]:
    """Background cells stepped onto from (r, c) by steps (dr, dc), and the colour of the first other one (None past the border)."""
    h, w = a.shape
    path = []
    r, c = r + dr, c + dc
    while 0 <= r < h and 0 <= c < w:
        v = int(a[r, c])
        if v != bg:
            return path, v
        path.append((r, c))
        r, c = r + dr, c + dc
    return path, None


def _paint(out: np.ndarray, cells: list[tuple[int, int]], c: int) -> None:
    if cells:
        rs, cs = zip(*cells)
        out[list(rs), list(cs)] = c


# ---------------------------------------------------------------- index sets

@primitive("lines", weight=1.5)
def shoot(p: Point, d: Point, dims: Point) -> Indices:
    """Positions p, p+d, p+2d, ... that lie inside a grid of (height, width) dims (a ray to the border)."""
    h, w = dims
    need(h, w)
    dr, dc = int(d[0]), int(d[1])
    require((dr, dc) != (0, 0), "shoot needs a non-zero direction")
    lo, hi = 0, h + w
    for x, dx, n in ((int(p[0]), dr, h), (int(p[1]), dc, w)):
        if dx == 0:
            if not 0 <= x < n:
                hi = -1
        elif dx > 0:
            lo, hi = max(lo, -(x // dx)), min(hi, (n - 1 - x) // dx)
        else:
            lo, hi = max(lo, -((n - 1 - x) // -dx)), min(hi, x // -dx)
    m = np.zeros((h, w), dtype=bool)
    if lo <= hi:
        k = np.arange(lo, hi + 1)
        m[p[0] + k * dr, p[1] + k * dc] = True
    return Indices(0, 0, m)


@primitive("lines")
def hline_at(g: Grid, r: int) -> Indices:
    """Positions of the whole row r of g (negative r counts from the bottom)."""
    require(-g.h <= r < g.h, f"hline_at: row {r} is outside a grid of {g.h} rows")
    r %= g.h
    return Indices(r, 0, np.ones((1, g.w), dtype=bool), normalise=False)


@primitive("lines")
def vline_at(g: Grid, c: int) -> Indices:
    """Positions of the whole column c of g (negative c counts from the right)."""
    require(-g.w <= c < g.w, f"vline_at: column {c} is outside a grid of {g.w} columns")
    c %= g.w
    return Indices(0, c, np.ones((g.h, 1), dtype=bool), normalise=False)


@primitive("lines")
def cross_at(p: Point, dims: Point) -> Indices:
    """Positions of the full row and full column through p in a grid of (height, width) dims."""
    h, w = dims
    need(h, w)
    require(_inside(p, h, w), f"cross_at: {p} is outside a {h}x{w} grid")
    m = np.zeros((h, w), dtype=bool)
    m[p[0], :] = True
    m[:, p[1]] = True
    return Indices(0, 0, m)


@primitive("lines")
def diagonals_at(p: Point, dims: Point) -> Indices:
    """Positions of both full diagonals through p in a grid of (height, width) dims."""
    h, w = dims
    need(h, w)
    require(_inside(p, h, w), f"diagonals_at: {p} is outside a {h}x{w} grid")
    i, j = np.mgrid[0:h, 0:w]
    return Indices(0, 0, ((i - j) == (p[0] - p[1])) | ((i + j) == (p[0] + p[1])))


@primitive("lines")
def elbow(a: Point, b: Point) -> Indices:
    """An L-shaped path: along a's row to b's column, then along that column to b (both ends included)."""
    (r0, c0), (r1, c1) = a, b
    need(abs(r1 - r0) + 1, abs(c1 - c0) + 1)
    top, left = min(r0, r1), min(c0, c1)
    m = np.zeros((abs(r1 - r0) + 1, abs(c1 - c0) + 1), dtype=bool)
    m[r0 - top, :] = True
    m[:, c1 - left] = True
    return Indices(top, left, m)


@primitive("lines", weight=1.5)
def box(idx: Indices) -> Indices:
    """Positions on the outline of the bounding box of idx (empty if idx is)."""
    if idx.is_empty():
        return idx
    m = np.zeros((idx.h, idx.w), dtype=bool)
    m[[0, -1], :] = True
    m[:, [0, -1]] = True
    return Indices(idx.top, idx.left, m, normalise=False)


@primitive("lines")
def border(g: Grid) -> Indices:
    """Positions of the grid's outermost ring of cells."""
    m = np.zeros(g.shape, dtype=bool)
    m[[0, -1], :] = True
    m[:, [0, -1]] = True
    return Indices(0, 0, m, normalise=False)


@primitive("lines", weight=1.5)
def enclosed(g: Grid) -> Indices:
    """Positions of background cells that cannot reach the grid border through background cells."""
    free = g.a == bg_colour(g.a)
    return Indices(0, 0, free & ~flood(free, border_mask(free.shape)))


# ---------------------------------------------------------------- fills

@primitive("lines")
def flood_fill(g: Grid, p: Point, c: Colour) -> Grid:
    """The 4-connected same-colour region containing p repainted with colour c (unchanged if p is outside the grid)."""
    if not _inside(p, g.h, g.w):
        return g
    a = g.a
    seed = np.zeros(a.shape, dtype=bool)
    seed[p[0], p[1]] = True
    region = flood(a == a[p[0], p[1]], seed)
    return G(np.where(region, np.int8(c), a))


@primitive("lines")
def flood_from_colour(g: Grid, c: Colour) -> Grid:
    """Every background region 4-adjacent to a cell of colour c repainted with c."""
    a = g.a
    bg = bg_colour(a)
    require(c != bg, "flood_from_colour: c is the background colour")
    src = a == c
    seeds = np.zeros(a.shape, dtype=bool)
    seeds[1:, :] |= src[:-1, :]
    seeds[:-1, :] |= src[1:, :]
    seeds[:, 1:] |= src[:, :-1]
    seeds[:, :-1] |= src[:, 1:]
    region = flood(a == bg, seeds)
    return G(np.where(region, np.int8(c), a))


# ---------------------------------------------------------------- drawing rays and joins

@primitive("lines", weight=1.5)
def draw_line_from_cells(g: Grid, c: Colour, d: Point) -> Grid:
    """From every cell of colour c, a ray of c stepping by d (e.g. (0, 1); (0, 2) dots every other cell) over background, stopping at the first other cell."""
    dr, dc = _step(d, "draw_line_from_cells")
    a = g.a
    bg = bg_colour(a)
    require(c != bg, "draw_line_from_cells: c is the background colour")
    out = a.copy()
    for r, q in zip(*np.nonzero(a == c)):
        _paint(out, _walk(a, int(r), int(q), dr, dc, bg)[0], c)
    return G(out)


@primitive("lines")
def rays_to_hit(g: Grid, c: Colour, d: Point) -> Grid:
    """From every cell of colour c, a ray of c stepping by d over background, drawn only if it meets a non-background cell."""
    dr, dc = _step(d, "rays_to_hit")
    a = g.a
    bg = bg_colour(a)
    require(c != bg, "rays_to_hit: c is the background colour")
    out = a.copy()
    for r, q in zip(*np.nonzero(a == c)):
        path, hit = _walk(a, int(r), int(q), dr, dc, bg)
        if hit is not None:
            _paint(out, path, c)
    return G(out)


@primitive("lines")
def extend_to_colour(g: Grid, c: Colour) -> Grid:
    """Every other non-background cell extended in its own colour, straight over background, to a cell of colour c in its row or column."""
    a = g.a
    bg = bg_colour(a)
    out = a.copy()
    for r, q in zip(*np.nonzero((a != bg) & (a != c))):
        for dr, dc in _DIRS4:
            path, hit = _walk(a, int(r), int(q), dr, dc, bg)
            if hit == c:
                _paint(out, path, int(a[r, q]))
    return G(out)


def _join(a: np.ndarray, out: np.ndarray, src: np.ndarray, v: int, bg: int, axis: int) -> None:
    """Paint v on the cells of `out` that are background in `a` between consecutive src cells of each row (axis 0) or column (axis 1)."""
    s, o, base = (src, out, a) if axis == 0 else (src.T, out.T, a.T)
    for i in range(s.shape[0]):
        js = np.flatnonzero(s[i])
        for j0, j1 in zip(js[:-1].tolist(), js[1:].tolist()):
            if j1 - j0 >= 2:
                seg = o[i, j0 + 1:j1]
                seg[base[i, j0 + 1:j1] == bg] = v


@primitive("lines", weight=1.5)
def connect_same_colour(g: Grid) -> Grid:
    """Consecutive same-coloured non-background cells in a row or column joined over background by a line of their colour (columns drawn last)."""
    a = g.a
    bg = bg_colour(a)
    out = a.copy()
    for axis in (0, 1):
        for k in np.unique(a).tolist():
            if k != bg:
                _join(a, out, a == k, int(k), bg, axis)
    return G(out)


@primitive("lines", weight=1.5)
def connect_colour(g: Grid, c: Colour, k: Colour) -> Grid:
    """Consecutive cells of colour c in a row or column joined over background by a line of colour k."""
    a = g.a
    bg = bg_colour(a)
    require(c != bg, "connect_colour: c is the background colour")
    out = a.copy()
    for axis in (0, 1):
        _join(a, out, a == c, int(k), bg, axis)
    return G(out)


def _components8(mask: np.ndarray, a: np.ndarray) -> list[list[tuple[int, int]]]:
    """8-connected single-colour components of the cells in mask, in reading order of their first cell."""
    h, w = mask.shape
    seen = np.zeros(mask.shape, dtype=bool)
    comps = []
    for r0, c0 in zip(*np.nonzero(mask)):
        r0, c0 = int(r0), int(c0)
        if seen[r0, c0]:
            continue
        col = a[r0, c0]
        comp, stack = [], [(r0, c0)]
        seen[r0, c0] = True
        while stack:
            r, c = stack.pop()
            comp.append((r, c))
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    rr, cc = r + dr, c + dc
                    if 0 <= rr < h and 0 <= cc < w and mask[rr, cc] and not seen[rr, cc] and a[rr, cc] == col:
                        seen[rr, cc] = True
                        stack.append((rr, cc))
        comps.append(comp)
    return comps


@primitive("lines")
def extend_lines(g: Grid) -> Grid:
    """Every straight single-colour segment of 2+ cells (row, column or diagonal) extended at both ends over background."""
    a = g.a
    bg = bg_colour(a)
    out = a.copy()
    for comp in _components8(a != bg, a):
        if len(comp) < 2:
            continue
        comp.sort()
        (r0, c0), (r1, c1) = comp[0], comp[-1]
        dr, dc = (r1 > r0) - (r1 < r0), (c1 > c0) - (c1 < c0)
        n = max(abs(r1 - r0), abs(c1 - c0)) + 1
        if n != len(comp) or (dr != 0 and dc != 0 and abs(r1 - r0) != abs(c1 - c0)):
            continue
        if any((r0 + k * dr, c0 + k * dc) != comp[k] for k in range(n)):
            continue
        v = int(a[r0, c0])
        _paint(out, _walk(a, r1, c1, dr, dc, bg)[0], v)
        _paint(out, _walk(a, r0, c0, -dr, -dc, bg)[0], v)
    return G(out)


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


@primitive("lines", weight=1.5)
def connect(a: Point, b: Point) -> Indices:
    """Positions on the straight (horizontal, vertical or diagonal) segment from a to b, both ends included."""
    dr, dc = b[0] - a[0], b[1] - a[1]
    require(dr == 0 or dc == 0 or abs(dr) == abs(dc), "connect needs two points on a common row, column or diagonal")
    n = max(abs(dr), abs(dc))
    need(n + 1, n + 1)
    sr, sc = sgn(dr), sgn(dc)
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
