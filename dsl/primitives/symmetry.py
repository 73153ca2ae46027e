"""Symmetry: symmetry tests, making a grid symmetric, completing masked mosaics from their symmetries or their
periodic pattern, periods and minimal tiles.

Mirror names follow geometry: hmirror flips upside down (top <-> bottom), vmirror flips left-right, dmirror
transposes. Completion primitives search every mirror axis (row, column, both diagonals), point reflection
and quarter turn whose centre lies in the grid, so a symmetry axis off the grid's centre is found too.
"""
from __future__ import annotations

import functools
from typing import Iterator

import numpy as np

from ..grid import Grid
from ..registry import primitive
from ..types import Colour, Point
from ._lattice import find_lattice, lattice_ids
from ._util import G, bg_colour, need, require

#: Largest fraction of compared cell pairs that may disagree for a symmetry to still be used (noise tolerance).
_TOLERANCE = 0.02
#: Most candidate lattices fully checked per tolerance level (bounds the time on sparse grids).
_MAX_LATTICE_TRIES = 3000
#: Largest side of a grid that the completion searches accept (they try every axis and centre).
_MAX_SEARCH_SIDE = 32


def _searchable(g: Grid, known: np.ndarray | None, name: str) -> None:
    """DSLError unless g is small enough to search and (if given) at least a tenth of its cells are known."""
    require(max(g.h, g.w) <= _MAX_SEARCH_SIDE, f"{name}: grid larger than {_MAX_SEARCH_SIDE}x{_MAX_SEARCH_SIDE}")
    if known is not None:
        require(10 * int(known.sum()) >= known.size, f"{name}: fewer than a tenth of the cells lie outside colour c")
        require(not known.all(), f"{name}: no cells of colour c to complete")


# ---------------------------------------------------------------- tests

@primitive("symmetry")
def is_hsym(g: Grid) -> bool:
    """Whether the grid equals its upside-down flip (hmirror: top half mirrors bottom half)."""
    return bool(np.array_equal(g.a, g.a[::-1, :]))


@primitive("symmetry")
def is_vsym(g: Grid) -> bool:
    """Whether the grid equals its left-right flip (vmirror: left half mirrors right half)."""
    return bool(np.array_equal(g.a, g.a[:, ::-1]))


@primitive("symmetry", weight=0.5)
def is_dsym(g: Grid) -> bool:
    """Whether the grid equals its transpose (symmetric about the main diagonal)."""
    return g.h == g.w and bool(np.array_equal(g.a, g.a.T))


@primitive("symmetry", weight=0.5)
def is_rotsym(g: Grid) -> bool:
    """Whether the grid equals itself turned 180 degrees."""
    return bool(np.array_equal(g.a, g.a[::-1, ::-1]))


# ---------------------------------------------------------------- making a grid symmetric (centre axes)

def _sym_union(a: np.ndarray, images: list[np.ndarray]) -> Grid:
    """Background cells of a take the first non-background colour among the same cell of the images."""
    bg = bg_colour(a)
    out = a.copy()
    for im in images:
        take = (out == bg) & (im != bg)
        out[take] = im[take]
    return G(out)


@primitive("symmetry", weight=1.5)
def symmetrize_h(g: Grid) -> Grid:
    """Top-bottom symmetric grid: non-background cells copied onto their background mirror cells (hmirror)."""
    return _sym_union(g.a, [g.a[::-1, :]])


@primitive("symmetry", weight=1.5)
def symmetrize_v(g: Grid) -> Grid:
    """Left-right symmetric grid: non-background cells copied onto their background mirror cells (vmirror)."""
    return _sym_union(g.a, [g.a[:, ::-1]])


@primitive("symmetry", weight=0.5)
def symmetrize_d(g: Grid) -> Grid:
    """Square grid made symmetric about the main diagonal by copying non-background cells onto background transposed cells."""
    require(g.h == g.w, "symmetrize_d needs a square grid")
    return _sym_union(g.a, [g.a.T])


@primitive("symmetry")
def symmetrize_rot(g: Grid) -> Grid:
    """Square grid made symmetric under quarter turns by copying non-background cells onto background rotated cells."""
    require(g.h == g.w, "symmetrize_rot needs a square grid")
    return _sym_union(g.a, [np.rot90(g.a, k) for k in (1, 2, 3)])


@primitive("symmetry")
def symmetrize_all(g: Grid) -> Grid:
    """Grid made symmetric left-right and top-bottom (and about the diagonals when square) from its non-background cells."""
    a = g.a
    ims = [a[::-1, :], a[:, ::-1], a[::-1, ::-1]]
    if g.h == g.w:
        ims += [a.T, np.rot90(a, 1), np.rot90(a, 3), np.rot90(a, 2).T]
    return _sym_union(a, ims)


@primitive("symmetry")
def symmetric_hconcat(g: Grid) -> Grid:
    """The grid with its left-right mirror image placed to its right."""
    need(g.h, 2 * g.w)
    return G(np.hstack([g.a, g.a[:, ::-1]]))


@primitive("symmetry")
def symmetric_vconcat(g: Grid) -> Grid:
    """The grid with its upside-down mirror image placed below it."""
    need(2 * g.h, g.w)
    return G(np.vstack([g.a, g.a[::-1, :]]))


@primitive("symmetry")
def rot_tile(g: Grid) -> Grid:
    """Square grid tiled 2x2 with quarter turns: [g, rot90 g; rot270 g, rot180 g]."""
    require(g.h == g.w, "rot_tile needs a square grid")
    need(2 * g.h, 2 * g.w)
    a = g.a
    return G(np.vstack([np.hstack([a, np.rot90(a, -1)]), np.hstack([np.rot90(a, 1), np.rot90(a, 2)])]))


# ---------------------------------------------------------------- symmetries with any centre

def _span(lo: int, hi: int, n: int) -> int:
    """Number of integers in [lo, hi) ∩ [0, n)."""
    return max(0, min(hi, n) - max(lo, 0))


def _maps(h: int, w: int, min_inside: float = 0) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """Batches (kind, partner rows, partner cols), arrays m×h×w, of every mirror, diagonal mirror, point reflection
    and quarter turn whose centre lies in the grid, without those keeping fewer than `min_inside` cells inside it."""
    i, j = np.mgrid[0:h, 0:w]
    i, j = i[None], j[None]
    rows = np.array([_span(a - h + 1, a + 1, h) for a in range(1, 2 * h - 2)], dtype=np.int64)  # rows i with a-i inside
    cols = np.array([_span(b - w + 1, b + 1, w) for b in range(1, 2 * w - 2)], dtype=np.int64)
    ra = np.arange(1, 2 * h - 2)[rows * w >= min_inside][:, None, None]
    cb_all = np.arange(1, 2 * w - 2)
    cb = cb_all[cols * h >= min_inside][:, None, None]
    if ra.size:
        yield "row", np.broadcast_to(ra - i, (ra.size, h, w)), np.broadcast_to(j, (ra.size, h, w))
    if cb.size:
        yield "col", np.broadcast_to(i, (cb.size, h, w)), np.broadcast_to(cb - j, (cb.size, h, w))
    d = np.arange(-(w - 1), h)[:, None, None]
    yield "diag", j + d, i - d
    s = np.arange(0, h + w - 1)[:, None, None]
    yield "anti", s - j, s - i
    for k_a, a in enumerate(range(1, 2 * h - 2)):
        pb = cb_all[rows[k_a] * cols >= min_inside][:, None, None]
        if pb.size:
            yield "point", np.broadcast_to(a - i, (pb.size, h, w)), pb - j
        b = np.arange(1 + (a - 1) % 2, 2 * w - 2, 2)
        if min_inside > 0 and b.size:
            k, m = (a - b) // 2, (a + b) // 2
            n_in = (np.clip(np.minimum(h - k, w), 0, None) - np.clip(np.maximum(-k, 0), None, w)).clip(0) * \
                   (np.clip(np.minimum(m + 1, h), 0, None) - np.clip(np.maximum(m - w + 1, 0), None, h)).clip(0)
            b = b[n_in >= min_inside]
        b = b[:, None, None]
        if b.size:
            yield "quarter", (a - b) // 2 + j, (a + b) // 2 - i


def _scores(a: np.ndarray, known: np.ndarray, pi: np.ndarray, pj: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per map of a batch: (known cells with a distinct known partner, those whose colours differ, inside mask m×h×w)."""
    h, w = a.shape
    inside = (pi >= 0) & (pi < h) & (pj >= 0) & (pj < w)
    flat = np.where(inside, pi * w + pj, 0)
    moved = flat != np.arange(h * w).reshape(1, h, w)
    both = inside & moved & known.ravel()[flat]
    both &= known[None]
    n = both.sum(axis=(1, 2))
    bad = (both & (a.ravel()[flat] != a[None])).sum(axis=(1, 2))
    return n, bad, inside


def _accepted_maps(g: Grid, c: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Symmetries (partner index arrays, -1 outside) that the cells not of colour c obey up to _TOLERANCE."""
    a = g.a
    known = a != c
    _searchable(g, known, "symmetry completion")
    n_known = int(known.sum())
    out = []
    for _, pi, pj in _maps(*a.shape, max(4, 0.5 * n_known)):
        n, bad, inside = _scores(a, known, pi, pj)
        for k in np.flatnonzero((n >= max(4, 0.5 * n_known)) & (bad <= _TOLERANCE * n)).tolist():
            out.append((np.where(inside[k], pi[k], -1), np.where(inside[k], pj[k], -1)))
    return tuple(out)


def _vote_fill(a: np.ndarray, known: np.ndarray, maps: tuple[tuple[np.ndarray, np.ndarray], ...]) -> tuple[np.ndarray, np.ndarray]:
    """Unknown cells repeatedly take the most common known colour among their images (ties: the smaller)."""
    out = a.copy()
    kn = known.copy()
    for _ in range(8 if maps else 0):
        todo = np.argwhere(~kn)
        if todo.size == 0:
            break
        votes = np.zeros((todo.shape[0], 10), dtype=np.int32)
        ti, tj = todo[:, 0], todo[:, 1]
        for pi, pj in maps:
            qi, qj = pi[ti, tj], pj[ti, tj]
            ok = qi >= 0
            ok[ok] = kn[qi[ok], qj[ok]]
            np.add.at(votes, (np.flatnonzero(ok), out[qi[ok], qj[ok]]), 1)
        has = votes.sum(axis=1) > 0
        if not has.any():
            break
        out[ti[has], tj[has]] = votes[has].argmax(axis=1)
        kn[ti[has], tj[has]] = True
    return out, kn


@functools.lru_cache(maxsize=32)
def _lattice_cands(h: int, w: int) -> np.ndarray:
    """Rows (classes, q, s, p) of every lattice with at most half as many classes as cells, fewest classes first."""
    out = np.array(sorted((p * q, q, s, p) for p in range(1, w + 1) for q in range(1, h + 1) for s in range(p)
                          if 2 * p * q <= h * w), dtype=np.int64).reshape(-1, 4)
    out.setflags(write=False)
    return out


def _pair_counts(a: np.ndarray, known: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pairs, disagreeing pairs) of known cells (dr, dc) apart, indexed [dr, dc + w] for 0 <= dr <= h, |dc| <= w.

    Autocorrelations of the known mask and of each colour's known cells, by FFT over a grid padded to twice
    its size (so no shift wraps around); the counts are exact integers after rounding."""
    h, w = a.shape
    H, W = 2 * h, 2 * w
    stack = np.stack([known] + [known & (a == k) for k in range(10)]).astype(np.float64)
    f = np.fft.rfft2(stack, s=(H, W))
    corr = np.rint(np.fft.irfft2(f.conj() * f, s=(H, W))).astype(np.int64)
    n, same = corr[0], corr[1:].sum(axis=0)
    cols = np.arange(-(w - 1), w) % W
    pairs_n = np.zeros((h + 1, 2 * w + 1), dtype=np.int64)
    pairs_bad = np.zeros((h + 1, 2 * w + 1), dtype=np.int64)
    pairs_n[:h, 1:2 * w] = n[:h][:, cols]
    pairs_bad[:h, 1:2 * w] = (n - same)[:h][:, cols]
    return pairs_n, pairs_bad


@functools.lru_cache(maxsize=64)
def _period_classes(g: Grid, c: int) -> np.ndarray | None:
    """Class ids of the smallest repetition lattice that the cells not of colour c obey exactly, else up to
    _TOLERANCE of them disagreeing with their class's majority (None if neither; at most half as many classes as cells)."""
    a = g.a
    h, w = a.shape
    known = a != c
    _searchable(g, known, "periodic completion")
    vals = a[known].astype(np.int64)
    n_known = vals.size
    # Known pairs and disagreeing pairs between each cell and the cell (dr, dc) away, for 0 <= dr <= h, |dc| <= w
    # (shifts reaching outside the grid have no pairs).
    pairs_n, pairs_bad = _pair_counts(a, known)
    cands = _lattice_cands(h, w)
    n_cls, q, s, p = cands.T
    for tol in (0.0, _TOLERANCE):
        ok = pairs_bad <= tol * pairs_n
        keep = ok[0, p + w] & ok[q, s + w] & ok[q, s - p + w] & (n_cls <= n_known)
        for k in np.flatnonzero(keep)[:_MAX_LATTICE_TRIES].tolist():
            nc, qq, ss, pp = (int(v) for v in cands[k])
            ids = lattice_ids(h, w, pp, qq, ss)
            counts = np.zeros((nc, 10), dtype=np.int64)
            np.add.at(counts, (ids[known], vals), 1)
            if (counts.sum(axis=1) == 0).any():
                continue
            if n_known - int(counts.max(axis=1).sum()) <= tol * n_known:
                ids.setflags(write=False)
                return ids
    return None


def _period_fill(a: np.ndarray, known: np.ndarray, ids: np.ndarray) -> np.ndarray:
    counts = np.zeros((int(ids.max()) + 1, 10), dtype=np.int64)
    np.add.at(counts, (ids[known], a[known].astype(np.int64)), 1)
    pattern = counts.argmax(axis=1).astype(np.int8)
    return np.where(known, a, pattern[ids])


def _patch(g: Grid, filled: np.ndarray, c: int) -> Grid:
    m = g.a == c
    rows, cols = np.flatnonzero(m.any(axis=1)), np.flatnonzero(m.any(axis=0))
    return G(filled[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1])


@functools.lru_cache(maxsize=128)
def _complete_sym(g: Grid, c: int) -> np.ndarray:
    """complete_symmetry's result array (read-only, cached: symmetry_patch reuses it)."""
    a = g.a
    known = a != c
    out, kn = _vote_fill(a, known, _accepted_maps(g, c))
    if not kn.all():
        ids = _period_classes(g, c)
        if ids is not None:
            out = np.where(kn, out, _period_fill(a, known, ids))
    out.setflags(write=False)
    return out


@primitive("symmetry", weight=1.5)
def complete_symmetry(g: Grid, c: Colour) -> Grid:
    """Cells of colour c repainted by vote from their images under every symmetry (any axis or centre) the other cells obey."""
    return G(_complete_sym(g, c))


@primitive("symmetry", weight=1.5)
def symmetry_patch(g: Grid, c: Colour) -> Grid:
    """What the region of colour c hides: the bounding box of c cropped from complete_symmetry of the grid."""
    require(bool((g.a == c).any()), "symmetry_patch: no cells of colour c")
    return _patch(g, _complete_sym(g, c), c)


@primitive("symmetry")
def complete_period(g: Grid, c: Colour) -> Grid:
    """Cells of colour c repainted from the smallest repeating lattice the other cells obey (majority per class, noise-tolerant)."""
    require(bool((g.a == c).any()), "complete_period: no cells of colour c")
    ids = _period_classes(g, c)
    require(ids is not None, "complete_period: the other cells repeat no pattern")
    return G(_period_fill(g.a, g.a != c, ids))


@primitive("symmetry")
def period_patch(g: Grid, c: Colour) -> Grid:
    """What the region of colour c hides: the bounding box of c cropped from complete_period of the grid."""
    return _patch(g, complete_period(g, c).a, c)


def _best_maps(a: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Full partner arrays of every symmetry that maps the most non-background cells onto equal cells while keeping
    all of them inside the grid, clashing with none and adding at least one cell."""
    h, w = a.shape
    bg = bg_colour(a)
    fi, fj = np.nonzero(a != bg)
    if fi.size == 0:
        return []
    vals = a[fi, fj]
    best: list[tuple[str, int, int, np.ndarray, np.ndarray]] = []
    best_agree = 0
    for kind, pi, pj in _maps(h, w):
        qi, qj = pi[:, fi, fj], pj[:, fi, fj]
        inside = ((qi >= 0) & (qi < h) & (qj >= 0) & (qj < w)).all(axis=1)
        tgt = a[np.where(inside[:, None], qi, 0), np.where(inside[:, None], qj, 0)]
        moved = (qi != fi) | (qj != fj)
        clash = ((tgt != bg) & (tgt != vals)).any(axis=1)
        agree = ((tgt == vals) & moved).sum(axis=1)
        added = (tgt == bg).sum(axis=1)
        ok = inside & ~clash & (agree > 0) & (added > 0)
        for k in np.flatnonzero(ok).tolist():
            if agree[k] > best_agree:
                best, best_agree = [], int(agree[k])
            if agree[k] == best_agree:
                # Doubled coordinates (2 * row, 2 * col) of the centre: partner of (0, 0) is (x0, y0).
                best.append((kind, int(pi[k][0, 0]), int(pj[k][0, 0]), np.asarray(pi[k]), np.asarray(pj[k])))
    if not best:
        return []
    # Keep only symmetries sharing one fixed point (others would compose into translations): the doubled-coordinate
    # point fixed by the most of them, ties to the earliest symmetry, then reading order.
    xs, ys = np.mgrid[0:2 * h - 1, 0:2 * w - 1]
    fixes = []
    for kind, x0, y0, _, _ in best:
        if kind == "row":
            fixes.append(xs == x0)
        elif kind == "col":
            fixes.append(ys == y0)
        elif kind == "diag":
            fixes.append(xs - ys == -2 * y0)
        elif kind == "anti":
            fixes.append(xs + ys == 2 * x0)
        elif kind == "point":
            fixes.append((xs == x0) & (ys == y0))
        else:
            fixes.append((xs == x0 + y0) & (ys == y0 - x0))
    stack = np.stack(fixes)
    count = stack.sum(axis=0)
    first = np.where(stack.any(axis=0), stack.argmax(axis=0), len(best))
    score = count * (len(best) + 1) - first
    X, Y = np.unravel_index(int(score.argmax()), score.shape)
    return [(m[3], m[4]) for m, f in zip(best, fixes) if f[X, Y]]


@primitive("symmetry")
def mirror_complete(g: Grid) -> Grid:
    """Non-background cells copied onto background cells through every symmetry (any axis or centre) that matches the most of them without clashes, repeated to closure."""
    _searchable(g, None, "mirror_complete")
    a = g.a
    maps = _best_maps(a)
    require(bool(maps), "mirror_complete: no partial symmetry of the foreground")
    h, w = a.shape
    bg = bg_colour(a)
    out = a.copy()
    for _ in range(4):
        changed = False
        for pi, pj in maps:
            fi, fj = np.nonzero(out != bg)
            qi, qj = pi[fi, fj], pj[fi, fj]
            ok = (qi >= 0) & (qi < h) & (qj >= 0) & (qj < w)
            fi, fj, qi, qj = fi[ok], fj[ok], qi[ok], qj[ok]
            free = out[qi, qj] == bg
            if free.any():
                out[qi[free], qj[free]] = out[fi[free], fj[free]]
                changed = True
        if not changed:
            break
    return G(out)


# ---------------------------------------------------------------- periods and tiles

def _row_period(a: np.ndarray) -> int:
    n = a.shape[0]
    for p in range(1, n + 1):
        if np.array_equal(a[p:], a[:n - p]):
            return p
    return n


@primitive("symmetry")
def period_rows(g: Grid) -> int:
    """Smallest p such that every row equals the row p below it (the vertical period; the height if none)."""
    return _row_period(g.a)


@primitive("symmetry")
def period_cols(g: Grid) -> int:
    """Smallest p such that every column equals the column p to its right (the horizontal period; the width if none)."""
    return _row_period(g.a.T)


@primitive("symmetry", weight=1.5)
def minimal_tile(g: Grid) -> Grid:
    """The smallest top-left block whose repetition generates the grid (may overhang the grid's edge)."""
    return G(g.a[:_row_period(g.a), :_row_period(g.a.T)])


@primitive("symmetry")
def tile_to(g: Grid, dims: Point) -> Grid:
    """The grid repeated from the top-left to fill (height, width) dims (cropped at the edges)."""
    h, w = dims
    need(h, w)
    reps = (-(-h // g.h), -(-w // g.w))
    return G(np.ascontiguousarray(np.tile(g.a, reps)[:h, :w]))


@primitive("symmetry")
def fill_periodic(g: Grid, c: Colour) -> Grid:
    """Repaint the cells of colour c from the smallest repeating lattice (possibly diagonal) the other cells obey."""
    a = g.a
    known = a != c
    require(bool(known.any()), "no cells outside colour c")
    ids = lattice_ids(a.shape[0], a.shape[1], *find_lattice(a, known))
    first = np.full(int(ids.max()) + 1, c, dtype=np.int8)
    first[ids[known]] = a[known]
    return G(first[ids])


def _mirror_maps(h: int, w: int, min_inside: float = 0):  # type: ignore[no-untyped-def]
    """Partner (rows, cols) of every cell under each mirror, diagonal mirror and rotation whose centre lies in the grid,
    skipping the mirrors, point reflections and quarter turns that keep fewer than `min_inside` cells inside the grid."""
    i, j = np.mgrid[0:h, 0:w]
    rows = {a: _span(a - h + 1, a + 1, h) for a in range(1, 2 * h - 2)}   # rows i with a - i inside
    cols = {b: _span(b - w + 1, b + 1, w) for b in range(1, 2 * w - 2)}
    for a, n in rows.items():
        if n * w >= min_inside:
            yield a - i, j
    for b, n in cols.items():
        if n * h >= min_inside:
            yield i, b - j
    for d in range(-(w - 1), h):
        yield j + d, i - d
    for s in range(0, h + w - 1):
        yield s - j, s - i
    for a, nr in rows.items():
        for b, nc in cols.items():
            if nr * nc >= min_inside:
                yield a - i, b - j
            if (a - b) % 2 == 0:
                k, m = (a - b) // 2, (a + b) // 2
                if _span(-k, h - k, w) * _span(m - w + 1, m + 1, h) >= min_inside:
                    yield k + j, m - i


@primitive("symmetry")
def fill_symmetric(g: Grid, c: Colour) -> Grid:
    """Repaint the cells of colour c from their images under every mirror or rotation symmetry that the other cells obey."""
    a = g.a
    h, w = a.shape
    require(h <= 30 and w <= 30, "fill_symmetric works on grids of at most 30×30 (ARC's largest)")
    known = a != c
    n_known = int(known.sum())
    require(n_known > 0, "no cells outside colour c")
    accepted = []
    need_both = max(2, 0.7 * n_known)
    for pi, pj in _mirror_maps(h, w, need_both):
        inside = (pi >= 0) & (pi < h) & (pj >= 0) & (pj < w)
        src = known & inside
        qi, qj = pi[src], pj[src]
        both = known[qi, qj]
        # Enough evidence (most known cells have a known image) and no contradiction.
        if int(both.sum()) < need_both:
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
