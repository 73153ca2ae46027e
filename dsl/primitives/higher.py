"""Higher-order: map / filter / argmax / sort over objects and grids, per-object painting, and grid sequences.

Function arguments arrive as Python callables built by the interpreter from an expression that uses `_`;
they are called once per element, in order, and never on anything else.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..grid import Grid, Indices, Obj
from ..registry import primitive
from ..types import Grids, Objs
from ._util import G, bg_colour, need, require
from .objects import MAX_OBJ_SIDE, clip, cover_into, paint_into

# ---------------------------------------------------------------- over objects


@primitive("higher", weight=1.5)
def map_objs(objs: Objs, f: Callable[[Obj], Obj]) -> Objs:
    """f applied to every object, in order."""
    return tuple(f(o) for o in objs)


@primitive("higher", weight=1.5)
def filter_objs(objs: Objs, p: Callable[[Obj], bool]) -> Objs:
    """The objects for which p holds, in order."""
    return tuple(o for o in objs if p(o))


@primitive("higher", weight=1.5)
def argmax_objs(objs: Objs, key: Callable[[Obj], int]) -> Obj:
    """The object with the largest key (ties: the first)."""
    require(len(objs) > 0, "argmax_objs: no objects")
    keys = [key(o) for o in objs]
    return objs[keys.index(max(keys))]


@primitive("higher", weight=1.5)
def argmin_objs(objs: Objs, key: Callable[[Obj], int]) -> Obj:
    """The object with the smallest key (ties: the first)."""
    require(len(objs) > 0, "argmin_objs: no objects")
    keys = [key(o) for o in objs]
    return objs[keys.index(min(keys))]


@primitive("higher")
def sort_objs(objs: Objs, key: Callable[[Obj], int]) -> Objs:
    """The objects ordered by increasing key (ties keep their order)."""
    keys = [key(o) for o in objs]
    return tuple(objs[i] for i in sorted(range(len(objs)), key=keys.__getitem__))


@primitive("higher")
def any_obj(objs: Objs, p: Callable[[Obj], bool]) -> bool:
    """Whether p holds for at least one object."""
    return any(p(o) for o in objs)


@primitive("higher")
def all_objs(objs: Objs, p: Callable[[Obj], bool]) -> bool:
    """Whether p holds for every object (true if there are none)."""
    return all(p(o) for o in objs)


@primitive("higher")
def count_where(objs: Objs, p: Callable[[Obj], bool]) -> int:
    """Number of objects for which p holds."""
    return sum(1 for o in objs if p(o))


@primitive("higher", weight=2.0)
def paint_map(g: Grid, objs: Objs, f: Callable[[Obj], Obj]) -> Grid:
    """g with f of every object drawn on it, in order (the original objects stay unless f covers them)."""
    out = g.a.copy()
    for o in objs:
        paint_into(out, f(o))
    return G(out)


@primitive("higher", weight=1.5)
def transform_objs(g: Grid, objs: Objs, f: Callable[[Obj], Obj]) -> Grid:
    """g with every object erased to background, then f of every object drawn, in order."""
    results = [f(o) for o in objs]
    out = g.a.copy()
    bg = bg_colour(g.a)
    for o in objs:
        cover_into(out, o, bg)
    for r in results:
        paint_into(out, r)
    return G(out)


@primitive("higher")
def apply_to_objects(g: Grid, objs: Objs, f: Callable[[Grid], Grid]) -> Grid:
    """g with each object's bounding-box subgrid replaced by f of it, pasted at the same top-left (clipped)."""
    out = g.a.copy()
    for o in objs:
        if o.is_empty():
            continue
        box = clip(o.top, o.left, o.h, o.w, g.h, g.w)
        if box is None:
            continue
        r0, r1, c0, c1 = box
        res = f(G(g.a[r0:r1, c0:c1]))
        rr1, cc1 = min(g.h, r0 + res.h), min(g.w, c0 + res.w)
        out[r0:rr1, c0:cc1] = res.a[:rr1 - r0, :cc1 - c0]
    return G(out)


@primitive("higher")
def union_map(objs: Objs, f: Callable[[Obj], Indices]) -> Indices:
    """All positions in f of any object (e.g. the outlines of all objects)."""
    parts = [x for x in (f(o) for o in objs) if not x.is_empty()]
    if not parts:
        return Indices(0, 0, np.zeros((0, 0), dtype=bool), normalise=False)
    if len(parts) == 1:
        return parts[0]
    top, left = min(x.top for x in parts), min(x.left for x in parts)
    h = max(x.top + x.h for x in parts) - top
    w = max(x.left + x.w for x in parts) - left
    require(h <= MAX_OBJ_SIDE and w <= MAX_OBJ_SIDE, f"union_map: index set of {h}x{w} exceeds the bound")
    m = np.zeros((h, w), dtype=bool)
    for x in parts:
        m[x.top - top:x.top - top + x.h, x.left - left:x.left - left + x.w] |= x.m
    return Indices(top, left, m, normalise=False)


# ---------------------------------------------------------------- over grids


@primitive("higher", weight=1.5)
def map_grids(gs: Grids, f: Callable[[Grid], Grid]) -> Grids:
    """f applied to every grid, in order."""
    return tuple(f(x) for x in gs)


@primitive("higher")
def filter_grids(gs: Grids, p: Callable[[Grid], bool]) -> Grids:
    """The grids for which p holds, in order."""
    return tuple(x for x in gs if p(x))


@primitive("higher", weight=1.5)
def argmax_grids(gs: Grids, key: Callable[[Grid], int]) -> Grid:
    """The grid with the largest key (ties: the first)."""
    require(len(gs) > 0, "argmax_grids: no grids")
    keys = [key(x) for x in gs]
    return gs[keys.index(max(keys))]


@primitive("higher", weight=1.5)
def argmin_grids(gs: Grids, key: Callable[[Grid], int]) -> Grid:
    """The grid with the smallest key (ties: the first)."""
    require(len(gs) > 0, "argmin_grids: no grids")
    keys = [key(x) for x in gs]
    return gs[keys.index(min(keys))]


def _pick(gs: Grids, i: int, name: str) -> Grid:
    require(len(gs) > 0, f"{name}: no grids")
    require(-len(gs) <= i < len(gs), f"{name}: index {i} but only {len(gs)} grids")
    return gs[i]


@primitive("higher")
def first_grid(gs: Grids) -> Grid:
    """The first grid of the sequence."""
    return _pick(gs, 0, "first_grid")


@primitive("higher")
def last_grid(gs: Grids) -> Grid:
    """The last grid of the sequence."""
    return _pick(gs, -1, "last_grid")


@primitive("higher")
def nth_grid(gs: Grids, i: int) -> Grid:
    """The grid at position i (negative i counts from the end)."""
    return _pick(gs, i, "nth_grid")


@primitive("higher")
def count_grids(gs: Grids) -> int:
    """Number of grids in the sequence."""
    return len(gs)


@primitive("higher")
def stack_h(gs: Grids) -> Grid:
    """All grids side by side, left to right (heights must match)."""
    require(len(gs) > 0, "stack_h: no grids")
    require(all(x.h == gs[0].h for x in gs), "stack_h needs grids of equal height")
    need(gs[0].h, sum(x.w for x in gs))
    return G(np.hstack([x.a for x in gs]))


@primitive("higher")
def stack_v(gs: Grids) -> Grid:
    """All grids one below another, top to bottom (widths must match)."""
    require(len(gs) > 0, "stack_v: no grids")
    require(all(x.w == gs[0].w for x in gs), "stack_v needs grids of equal width")
    need(sum(x.h for x in gs), gs[0].w)
    return G(np.vstack([x.a for x in gs]))


@primitive("higher")
def overlay(gs: Grids) -> Grid:
    """Same-size grids layered: where the result so far is background, a later grid's non-background cell shows through."""
    require(len(gs) > 0, "overlay: no grids")
    require(all(x.shape == gs[0].shape for x in gs), "overlay needs grids of the same size")
    out = gs[0].a
    bg = bg_colour(out)
    for x in gs[1:]:
        out = np.where((out == bg) & (x.a != bg_colour(x.a)), x.a, out)
    return G(out)


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


def normal_colour_map(a: np.ndarray) -> np.ndarray:
    """The colour permutation (array: old colour -> new) that renames g's colours by frequency: most common -> 0,
    next -> 1, ... (ties: smaller colour first); colours absent from g keep their value where it is free."""
    counts = np.bincount(a.ravel(), minlength=10)
    present = sorted((c for c in range(10) if counts[c]), key=lambda c: (-counts[c], c))
    perm = np.full(10, -1, dtype=np.int8)
    for rank, c in enumerate(present):
        perm[c] = rank
    free = set(range(len(present), 10))
    absent = [c for c in range(10) if perm[c] < 0]
    for c in absent:
        if c in free:
            perm[c] = c
            free.discard(c)
    rest = iter(sorted(free))
    for c in absent:
        if perm[c] < 0:
            perm[c] = next(rest)
    return perm


@primitive("higher")
def in_normal_colours(g: Grid, f: Callable[[Grid], Grid]) -> Grid:
    """f applied to g with colours renamed by frequency (most common -> 0, next -> 1, ...), its result renamed back."""
    perm = normal_colour_map(g.a)
    inverse = np.argsort(perm).astype(np.int8)
    res = f(G(perm[g.a]))
    return G(inverse[res.a])
