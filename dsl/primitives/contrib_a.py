"""Contributed primitives (set A): cell gravity, periodic and symmetric pattern completion, largest solid rectangle."""
from __future__ import annotations

import numpy as np

from ..grid import Grid, Indices
from ..registry import primitive
from ..types import Colour, Point
from ._util import G, bg_colour, need, require


def _lattice_ids(h: int, w: int, p: int, q: int, s: int) -> np.ndarray:
    """Class id of every cell under the lattice spanned by (0, p) and (q, s): cells in one class repeat each other."""
    i = np.arange(h)[:, None]
    j = np.arange(w)[None, :]
    return (i % q) * p + (j - (i // q) * s) % p


def _find_lattice(a: np.ndarray, known: np.ndarray) -> tuple[int, int, int]:
    """(p, q, s) of the smallest repetition lattice (fewest classes) under which all known cells of a agree."""
    h, w = a.shape
    vals = a[known]
    cands = sorted((p * q, q, s, p) for p in range(1, w + 1) for q in range(1, h + 1) for s in range(p))
    for _, q, s, p in cands:
        ids = _lattice_ids(h, w, p, q, s)
        kid = ids[known]
        first = np.full(p * q, -1, dtype=np.int16)
        first[kid] = vals
        if np.array_equal(first[kid], vals):
            return p, q, s
    return w, h, 0


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


@primitive("symmetry")
def fill_periodic(g: Grid, c: Colour) -> Grid:
    """Repaint the cells of colour c from the smallest repeating lattice (possibly diagonal) the other cells obey."""
    a = g.a
    known = a != c
    require(bool(known.any()), "no cells outside colour c")
    ids = _lattice_ids(a.shape[0], a.shape[1], *_find_lattice(a, known))
    first = np.full(int(ids.max()) + 1, c, dtype=np.int8)
    first[ids[known]] = a[known]
    return G(first[ids])


@primitive("geometry")
def extend_periodic(g: Grid, dims: Point) -> Grid:
    """Continue the grid's repeating pattern (smallest repetition lattice) to (height, width) `dims`."""
    h, w = dims
    need(h, w)
    a = g.a
    p, q, s = _find_lattice(a, np.ones(a.shape, dtype=bool))
    ids = _lattice_ids(a.shape[0], a.shape[1], p, q, s)
    first = np.zeros(p * q, dtype=np.int8)
    first[ids] = a
    return G(first[_lattice_ids(h, w, p, q, s)])


def _mirror_maps(h: int, w: int):  # type: ignore[no-untyped-def]
    """Partner (rows, cols) of every cell under each mirror, diagonal mirror and rotation whose centre lies in the grid."""
    i, j = np.mgrid[0:h, 0:w]
    for a in range(1, 2 * h - 2):
        yield a - i, j
    for b in range(1, 2 * w - 2):
        yield i, b - j
    for d in range(-(w - 1), h):
        yield j + d, i - d
    for s in range(0, h + w - 1):
        yield s - j, s - i
    for a in range(1, 2 * h - 2):
        for b in range(1, 2 * w - 2):
            yield a - i, b - j
            if (a - b) % 2 == 0:
                yield (a - b) // 2 + j, (a + b) // 2 - i


@primitive("symmetry")
def fill_symmetric(g: Grid, c: Colour) -> Grid:
    """Repaint the cells of colour c from their images under every mirror or rotation symmetry that the other cells obey."""
    a = g.a
    h, w = a.shape
    known = a != c
    n_known = int(known.sum())
    require(n_known > 0, "no cells outside colour c")
    accepted = []
    for pi, pj in _mirror_maps(h, w):
        inside = (pi >= 0) & (pi < h) & (pj >= 0) & (pj < w)
        src = known & inside
        qi, qj = pi[src], pj[src]
        both = known[qi, qj]
        # Enough evidence (most known cells have a known image) and no contradiction.
        if int(both.sum()) < max(2, 0.7 * n_known):
            continue
        if np.any(a[src][both] != a[qi[both], qj[both]]):
            continue
        accepted.append((pi, pj, inside))
    out = a.copy()
    kn = known.copy()
    changed = True
    while changed:
        changed = False
        for pi, pj, inside in accepted:
            tgt = ~kn & inside
            ti, tj = np.nonzero(tgt)
            qi, qj = pi[tgt], pj[tgt]
            ok = kn[qi, qj]
            if ok.any():
                out[ti[ok], tj[ok]] = out[qi[ok], qj[ok]]
                kn[ti[ok], tj[ok]] = True
                changed = True
    return G(out)


@primitive("objects", weight=0.5)
def largest_rect(g: Grid, c: Colour, k: int) -> Indices:
    """Positions of the largest-area rectangle made only of colour c with both sides at least k (ties: topmost, then leftmost)."""
    a = g.a
    h, w = a.shape
    k = max(int(k), 1)
    best, where = 0, None
    for r0 in range(h):
        run_mask = np.ones(w, dtype=bool)
        for r1 in range(r0, h):
            run_mask &= a[r1] == c
            if not run_mask.any():
                break
            ht = r1 - r0 + 1
            if ht < k:
                continue
            c0 = None
            for col in range(w + 1):
                if col < w and run_mask[col]:
                    if c0 is None:
                        c0 = col
                    continue
                if c0 is not None:
                    wd = col - c0
                    if wd >= k:
                        area = ht * wd
                        if area > best or (area == best and where is not None and (r0, c0) < where[:2]):
                            best, where = area, (r0, c0, ht, wd)
                    c0 = None
    require(where is not None, f"no rectangle of colour {c} at least {k}x{k}")
    r0, c0, ht, wd = where
    return Indices(r0, c0, np.ones((ht, wd), dtype=bool))
