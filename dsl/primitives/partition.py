"""Partitions: grids divided by separator lines (full rows/columns of one colour) into cells, cell-wise work,
overlap logic across cells, choosing a cell, and reassembling cells.

The separator colour is the colour whose full lines split the grid into at least two cells, preferring lines
that cut equal cells, then a colour other than the background, then more lines, then the smaller colour.
Consecutive separator lines form one thick separator; lines on the grid's edge are dropped like the others.
Cells are listed in reading order (row-major). The cell-logic primitives (cells_and, ...) treat colour 0 as
"off", like grid_and and friends in logic.
"""
from __future__ import annotations

import functools
from collections import Counter
from typing import Callable

import numpy as np

from ..grid import Grid, Indices
from ..registry import primitive
from ..types import Colour, Grids, Point
from ._util import G, bg_colour, need, require

_Spans = tuple[tuple[int, int], ...]


def _spans(is_sep: np.ndarray) -> _Spans:
    """Maximal [start, stop) runs of non-separator lines."""
    out, start = [], None
    for i, v in enumerate(is_sep.tolist()):
        if not v and start is None:
            start = i
        elif v and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(is_sep)))
    return tuple(out)


@functools.lru_cache(maxsize=512)
def _layout(g: Grid) -> tuple[int, np.ndarray, np.ndarray, _Spans, _Spans] | None:
    """(separator colour, separator-row mask, separator-column mask, row spans, column spans), or None."""
    a = g.a
    bg = bg_colour(a)
    best = None
    for c in np.unique(a).tolist():
        eq = a == c
        rows, cols = eq.all(axis=1), eq.all(axis=0)
        if not (rows.any() or cols.any()) or rows.all() or cols.all():
            continue
        rs, cs = _spans(rows), _spans(cols)
        if len(rs) * len(cs) < 2:
            continue
        equal = len({r1 - r0 for r0, r1 in rs}) == 1 and len({c1 - c0 for c0, c1 in cs}) == 1
        rank = (equal, c != bg, int(rows.sum() + cols.sum()), -c)
        if best is None or rank > best[0]:
            rows.setflags(write=False)
            cols.setflags(write=False)
            best = (rank, (int(c), rows, cols, rs, cs))
    return None if best is None else best[1]


def _need_layout(g: Grid, name: str) -> tuple[int, np.ndarray, np.ndarray, _Spans, _Spans]:
    lay = _layout(g)
    require(lay is not None, f"{name}: no separator lines dividing the grid into cells")
    return lay  # type: ignore[return-value]


def _same_size(gs: Grids, name: str) -> None:
    require(len(gs) > 0, f"{name}: no grids")
    require(all(x.shape == gs[0].shape for x in gs), f"{name} needs equal-sized grids")


def _binary(mask: np.ndarray, c: int) -> Grid:
    return G(np.where(mask, np.int8(c), np.int8(0)))


# ---------------------------------------------------------------- layout

@primitive("partition", weight=1.5)
def split_cells(g: Grid) -> Grids:
    """The cells between separator lines, in reading order (separators removed)."""
    _, _, _, rs, cs = _need_layout(g, "split_cells")
    return tuple(G(g.a[r0:r1, c0:c1]) for r0, r1 in rs for c0, c1 in cs)


@primitive("partition")
def separator_colour(g: Grid) -> Colour:
    """Colour of the separator lines that divide the grid into cells."""
    return _need_layout(g, "separator_colour")[0]


@primitive("partition")
def cells_shape(g: Grid) -> Point:
    """(rows, columns) of cells that the separator lines divide the grid into."""
    _, _, _, rs, cs = _need_layout(g, "cells_shape")
    return (len(rs), len(cs))


@primitive("partition")
def separator_lines(g: Grid) -> Indices:
    """Positions of the separator lines (full rows and columns of the separator colour)."""
    _, rows, cols, _, _ = _need_layout(g, "separator_lines")
    return Indices(0, 0, rows[:, None] | cols[None, :])


@primitive("partition")
def remove_separators(g: Grid) -> Grid:
    """The grid with its separator rows and columns deleted."""
    _, rows, cols, _, _ = _need_layout(g, "remove_separators")
    return G(np.ascontiguousarray(g.a[~rows][:, ~cols]))


@primitive("partition")
def cell_at(g: Grid, i: int, j: int) -> Grid:
    """The cell in cell-row i, cell-column j (negative indices count from the end)."""
    _, _, _, rs, cs = _need_layout(g, "cell_at")
    require(-len(rs) <= i < len(rs) and -len(cs) <= j < len(cs), f"cell_at: no cell ({i}, {j}) in a {len(rs)}x{len(cs)} layout")
    (r0, r1), (c0, c1) = rs[i], cs[j]
    return G(g.a[r0:r1, c0:c1])


@primitive("partition", weight=1.5)
def cellwise(g: Grid, f: Callable[[Grid], Grid]) -> Grid:
    """Apply f to every cell and put the results back between the separators (f must keep each cell's size)."""
    _, _, _, rs, cs = _need_layout(g, "cellwise")
    a = g.a
    out = a.copy()
    for r0, r1 in rs:
        for c0, c1 in cs:
            res = f(G(a[r0:r1, c0:c1]))
            require(isinstance(res, Grid) and res.shape == (r1 - r0, c1 - c0), "cellwise: f changed a cell's size")
            out[r0:r1, c0:c1] = res.a
    return G(out)


@primitive("partition")
def cell_summary(g: Grid) -> Grid:
    """One cell per partition cell, coloured with that cell's most common non-background colour (else background)."""
    _, _, _, rs, cs = _need_layout(g, "cell_summary")
    cells = [[g.a[r0:r1, c0:c1] for c0, c1 in cs] for r0, r1 in rs]
    bg = bg_colour(np.concatenate([x.ravel() for row in cells for x in row]))
    out = np.full((len(rs), len(cs)), bg, dtype=np.int8)
    for i, row in enumerate(cells):
        for j, x in enumerate(row):
            cnt = np.bincount(x.ravel(), minlength=10)
            cnt[bg] = 0
            if cnt.any():
                out[i, j] = int(cnt.argmax())
    return G(out)


@primitive("partition")
def cell_map(g: Grid, f: Callable[[Grid], Colour]) -> Grid:
    """One pixel per partition cell: the colour f gives for that cell."""
    _, _, _, rs, cs = _need_layout(g, "cell_map")
    vals = [[int(f(G(g.a[r0:r1, c0:c1]))) for c0, c1 in cs] for r0, r1 in rs]
    require(all(0 <= v <= 9 for r in vals for v in r), "cell_map: f gave a value outside 0..9")
    return G(np.array(vals, dtype=np.int8))


@primitive("partition")
def paint_cells(g: Grid, key: Grid) -> Grid:
    """Every cell filled with key's colour at its (cell row, cell column), separators kept (key: one pixel per cell)."""
    _, _, _, rs, cs = _need_layout(g, "paint_cells")
    require(key.shape == (len(rs), len(cs)), f"paint_cells: key must be {len(rs)}x{len(cs)}, got {key.h}x{key.w}")
    out = g.a.copy()
    for i, (r0, r1) in enumerate(rs):
        for j, (c0, c1) in enumerate(cs):
            out[r0:r1, c0:c1] = key.a[i, j]
    return G(out)


@primitive("partition")
def split_squares(g: Grid) -> Grids:
    """The grid cut along its longer side into squares of its shorter side (the longer side must be a multiple; gaps of one separator line allowed)."""
    t = g.h > g.w
    a = g.a.T if t else g.a
    k, n = a.shape
    if n % k == 0:
        step = k
    else:
        require((n + 1) % (k + 1) == 0, f"split_squares: {g.h}x{g.w} does not divide into squares")
        step = k + 1
    parts = [a[:, j:j + k] for j in range(0, n, step)]
    return tuple(G(x.T if t else x) for x in parts)


@primitive("partition")
def assemble(gs: Grids, n_cols: int) -> Grid:
    """Tile equal-sized grids row by row, n_cols per row, with no separators."""
    _same_size(gs, "assemble")
    require(n_cols >= 1 and len(gs) % n_cols == 0, "assemble needs a multiple of n_cols grids")
    h, w = gs[0].shape
    n_rows = len(gs) // n_cols
    need(h * n_rows, w * n_cols)
    return G(np.vstack([np.hstack([x.a for x in gs[r * n_cols:(r + 1) * n_cols]]) for r in range(n_rows)]))


@primitive("partition", weight=0.5)
def join_cells(gs: Grids, n_cols: int, c: Colour) -> Grid:
    """Tile equal-sized grids row by row, n_cols per row, with 1-cell separator lines of colour c between them."""
    _same_size(gs, "join_cells")
    require(n_cols >= 1 and len(gs) % n_cols == 0, "join_cells needs a multiple of n_cols grids")
    h, w = gs[0].shape
    n_rows = len(gs) // n_cols
    need(n_rows * (h + 1) - 1, n_cols * (w + 1) - 1)
    out = np.full((n_rows * (h + 1) - 1, n_cols * (w + 1) - 1), c, dtype=np.int8)
    for k, x in enumerate(gs):
        r, q = divmod(k, n_cols)
        out[r * (h + 1):r * (h + 1) + h, q * (w + 1):q * (w + 1) + w] = x.a
    return G(out)


# ---------------------------------------------------------------- overlap logic across cells (0 = off)

@primitive("partition")
def cells_and(gs: Grids, c: Colour) -> Grid:
    """Equal-sized grids combined: c where every grid is non-zero, 0 elsewhere."""
    _same_size(gs, "cells_and")
    return _binary(np.logical_and.reduce([x.a != 0 for x in gs]), c)


@primitive("partition")
def cells_or(gs: Grids, c: Colour) -> Grid:
    """Equal-sized grids combined: c where any grid is non-zero, 0 elsewhere."""
    _same_size(gs, "cells_or")
    return _binary(np.logical_or.reduce([x.a != 0 for x in gs]), c)


@primitive("partition")
def cells_xor(gs: Grids, c: Colour) -> Grid:
    """Equal-sized grids combined: c where exactly one grid is non-zero, 0 elsewhere."""
    _same_size(gs, "cells_xor")
    return _binary(np.sum([x.a != 0 for x in gs], axis=0) == 1, c)


@primitive("partition")
def cells_nor(gs: Grids, c: Colour) -> Grid:
    """Equal-sized grids combined: c where every grid is 0, 0 elsewhere."""
    _same_size(gs, "cells_nor")
    return _binary(~np.logical_or.reduce([x.a != 0 for x in gs]), c)


@primitive("partition")
def cell_vote(gs: Grids) -> Grid:
    """Cell-wise majority colour over equal-sized grids (ties: the smaller colour)."""
    _same_size(gs, "cell_vote")
    stack = np.stack([x.a for x in gs])
    counts = np.stack([(stack == c).sum(axis=0) for c in range(10)])
    return G(counts.argmax(axis=0).astype(np.int8))


# ---------------------------------------------------------------- choosing a cell

@primitive("partition")
def majority_cell(gs: Grids) -> Grid:
    """The grid that occurs most often in the list (ties: the first)."""
    require(len(gs) > 0, "majority_cell of no grids")
    cnt = Counter(gs)
    best = max(cnt.values())
    return next(x for x in gs if cnt[x] == best)


def _single(gs: Grids, keys: list[object]) -> Grid | None:
    cnt = Counter(keys)
    singles = [x for x, k in zip(gs, keys) if cnt[k] == 1]
    return singles[0] if len(singles) == 1 else None


@primitive("partition", weight=1.5)
def odd_cell(gs: Grids) -> Grid:
    """The one grid that occurs exactly once while the others repeat (compared exactly, else by non-zero pattern)."""
    require(len(gs) > 2, "odd_cell needs at least 3 grids")
    found = _single(gs, list(gs))
    if found is None:
        found = _single(gs, [(x.shape, (x.a != 0).tobytes()) for x in gs])
    require(found is not None, "odd_cell needs exactly one unique grid among repeats")
    return found  # type: ignore[return-value]


@primitive("partition")
def cell_with_most_colour(gs: Grids, c: Colour) -> Grid:
    """The grid with the most cells of colour c (ties: the first)."""
    require(len(gs) > 0, "cell_with_most_colour of no grids")
    counts = [int((x.a == c).sum()) for x in gs]
    return gs[counts.index(max(counts))]


@primitive("partition")
def cell_with_least_colour(gs: Grids, c: Colour) -> Grid:
    """The grid with the fewest cells of colour c (ties: the first)."""
    require(len(gs) > 0, "cell_with_least_colour of no grids")
    counts = [int((x.a == c).sum()) for x in gs]
    return gs[counts.index(min(counts))]


# ---------------------------------------------------------------- uniform lines (frontiers)

@primitive("partition")
def compress(g: Grid) -> Grid:
    """Delete every row and column that is a single colour throughout."""
    a = g.a
    rows = (a == a[:, :1]).all(axis=1)
    cols = (a == a[:1, :]).all(axis=0)
    require(not rows.all() and not cols.all(), "compress would leave nothing")
    return G(np.ascontiguousarray(a[~rows][:, ~cols]))


@primitive("partition", weight=0.5)
def frontiers(g: Grid) -> Indices:
    """Positions of every row and column that is a single colour throughout."""
    a = g.a
    rows = (a == a[:, :1]).all(axis=1)
    cols = (a == a[:1, :]).all(axis=0)
    return Indices(0, 0, rows[:, None] | cols[None, :])
