"""Constraint mining from the train pairs: candidate invariants of the outputs, kept when they hold on every
pair (hard) or on most (soft, weighted by their support).

Candidates: cells that keep their input colour (all but a *mask* colour), the output palette, symmetries
and periods of the output (mirror rows/columns, the two diagonals, 180° and 90° rotation, translations;
each with a position parameter, so symmetric patterns off the grid centre count too), relations between
colour counts (a colour's count kept from input to output, rows/columns preserved), and a cell-wise colour
map from input to output. The same symmetry scorer fits a family's parameter on a *partly hidden* grid
(`fit_family`), which is how the completion stage places an axis or a period on a test input.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from arcsynth.dsl.grid import Grid

#: Symmetry families: each maps a cell to a partner cell given the grid shape and a position parameter.
FAMILIES = ("flip_rows", "flip_cols", "transpose", "antitranspose", "rot180", "rot90", "translate")
#: A symmetry "holds" on a full grid when at least this share of its non-background cells have a partner.
MIN_CONTENT_COVER = 0.3
#: ... and at least this many non-background cells agree with their partner.
MIN_AGREE = 4

Param = tuple[int, ...]


@dataclass(frozen=True)
class Invariant:
    """One mined rule: kind, parameters, share of train pairs it holds on, and whether it is kept hard."""

    kind: str            # keep | mask_vanishes | palette | symmetry | family | count | colour_map | shape
    params: tuple
    support: float
    hard: bool

    def __str__(self) -> str:
        tag = "hard" if self.hard else f"soft({self.support:.2f})"
        return f"{tag:10s} {self.kind}{self.params}"


@dataclass
class Mined:
    """What the train pairs say about the outputs: the completion mode, the mask colour, and invariants."""

    mode: Optional[str] = None              # fill (output = input with mask cells replaced) | crop (output = hidden
    #                                         patch) | extend (output = larger canvas holding the input at `anchor`)
    anchor: Optional[str] = None            # extend mode: where the input sits (top-left, bottom-left, top-right, bottom-right)
    mask: Optional[int] = None
    mask_vanishes: bool = False             # the mask colour never survives at masked cells
    mask_is_box: bool = False               # the mask cells fill their bounding box in every input
    invariants: list[Invariant] = field(default_factory=list)
    full_grids: list[Grid] = field(default_factory=list)  # train outputs in fill mode; inputs with the patch put back in crop mode

    def of_kind(self, kind: str) -> list[Invariant]:
        """The invariants of one kind."""
        return [v for v in self.invariants if v.kind == kind]

    def describe(self) -> list[str]:
        """Human-readable lines, one per invariant."""
        head = [f"mode={self.mode} mask={self.mask} mask_vanishes={self.mask_vanishes}"
                + (f" anchor={self.anchor}" if self.anchor else "")]
        return head + [str(v) for v in self.invariants]


# ---------------------------------------------------------------------------------------------- symmetries
def family_params(fam: str, h: int, w: int) -> list[Param]:
    """The parameters of a family worth trying on an h×w grid (offsets from the centred position)."""
    if fam == "flip_rows":
        return [(o,) for o in range(-(h // 2), h // 2 + 1)]
    if fam == "flip_cols":
        return [(o,) for o in range(-(w // 2), w // 2 + 1)]
    if fam in ("transpose", "antitranspose"):
        m = max(h, w)
        return [(k,) for k in range(-(m // 2), m // 2 + 1)]
    if fam == "rot180":
        return [(a, b) for a in range(-(h // 2), h // 2 + 1) for b in range(-(w // 2), w // 2 + 1)]
    if fam == "rot90":
        return [(a, b) for a in range(-(h // 2), h // 2 + 1) for b in range(-(w // 2), w // 2 + 1)
                if ((h - 1 + a) - (w - 1 + b)) % 2 == 0]
    if fam == "translate":
        return [(dy, dx) for dy in range(0, h) for dx in range(-(w - 1), w) if dy > 0 or dx > 0]
    raise ValueError(fam)


@functools.lru_cache(maxsize=64)
def _indices(h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    i, j = np.indices((h, w))
    return i, j


def _translate_equal(a: np.ndarray, dy: int, dx: int) -> bool:
    """Whether a[i, j] == a[i + dy, j + dx] wherever both are inside (a fast exact test by slicing)."""
    h, w = a.shape
    if dx >= 0:
        return bool(np.array_equal(a[dy:, dx:], a[: h - dy, : w - dx]))
    return bool(np.array_equal(a[dy:, : w + dx], a[: h - dy, -dx:]))


@functools.lru_cache(maxsize=8192)
def partner_map(fam: str, param: Param, h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Flat indices (src, dst) of every cell whose partner under the symmetry lies inside the grid."""
    i, j = _indices(h, w)
    if fam == "flip_rows":
        i2, j2 = (h - 1 + param[0]) - i, j
    elif fam == "flip_cols":
        i2, j2 = i, (w - 1 + param[0]) - j
    elif fam == "transpose":          # reflection in the line i - j = k
        i2, j2 = j + param[0], i - param[0]
    elif fam == "antitranspose":      # reflection in the line i + j = s
        s = h - 1 + param[0]
        i2, j2 = s - j, s - i
    elif fam == "rot180":
        i2, j2 = (h - 1 + param[0]) - i, (w - 1 + param[1]) - j
    elif fam == "rot90":              # quarter turn about the centre ((h-1+a)/2, (w-1+b)/2)
        a2, b2 = h - 1 + param[0], w - 1 + param[1]
        i2 = (a2 - b2) // 2 + j
        j2 = (a2 + b2) // 2 - i
    elif fam == "translate":
        i2, j2 = i + param[0], j + param[1]
    else:
        raise ValueError(fam)
    ok = (i2 >= 0) & (i2 < h) & (j2 >= 0) & (j2 < w)
    src = (i * w + j)[ok].ravel()
    dst = (i2 * w + j2)[ok].ravel()
    src.setflags(write=False)
    dst.setflags(write=False)
    return src, dst


@dataclass(frozen=True)
class Fit:
    """How a symmetry fits a partly visible grid."""

    agree: int          # both cells visible, same colour, not background
    conflict: int       # both visible, different colours
    linked: int         # one visible, one hidden: the pairs that complete hidden cells
    content: int        # visible non-background source cells with a partner
    total_content: int  # visible non-background cells

    @property
    def ratio(self) -> float:
        """Share of visible non-background cells with a partner that agree with it."""
        return self.agree / self.content if self.content else 0.0

    @property
    def cover(self) -> float:
        """Share of visible non-background cells that have a partner inside the grid."""
        return self.content / self.total_content if self.total_content else 0.0


def fit(a: np.ndarray, visible: np.ndarray, fam: str, param: Param, bg: int,
        max_conflict: Optional[int] = None) -> Optional[Fit]:
    """Score one symmetry on grid array `a` whose hidden cells are False in `visible`.

    With max_conflict given, returns None as soon as more visible pairs than that disagree.
    """
    h, w = a.shape
    src, dst = partner_map(fam, param, h, w)
    flat, vis = a.ravel(), visible.ravel()
    cs, cd = flat[src], flat[dst]
    eq = cs == cd
    vs, vd = vis[src], vis[dst]
    both = vs & vd
    if max_conflict is not None and int(np.count_nonzero(both & ~eq)) > max_conflict:
        return None
    nb = vs & (cs != bg)
    return Fit(agree=int(np.count_nonzero(both & eq & nb)), conflict=int(np.count_nonzero(both & ~eq)),
               linked=int(np.count_nonzero(vs != vd)), content=int(np.count_nonzero(nb)),
               total_content=int(np.count_nonzero(vis & (flat != bg))))


def holds(f: Optional[Fit], min_ratio: float = 1.0, min_cover: float = MIN_CONTENT_COVER, max_conflict: int = 0) -> bool:
    """Whether a fit is an (exact or near) symmetry of the visible cells with enough support."""
    return f is not None and (f.conflict <= max_conflict and f.agree >= MIN_AGREE and f.cover >= min_cover
            and f.ratio >= min_ratio)


def background(a: np.ndarray, visible: Optional[np.ndarray] = None) -> int:
    """The most common (visible) colour."""
    vals = a[visible] if visible is not None else a.ravel()
    if vals.size == 0:
        return 0
    return int(np.bincount(vals.ravel().astype(np.int64), minlength=10).argmax())


def _exact(a: np.ndarray, fam: str, p: Param) -> Optional[bool]:
    """Whether symmetry (fam, p) maps every cell of `a` with a partner inside to an equal cell, tested on the
    sub-grid the symmetry maps onto itself (slicing, no index maps). For rot90 only a necessary test: False
    or None (undecided)."""
    h, w = a.shape
    if fam == "translate":
        return _translate_equal(a, p[0], p[1])
    if fam in ("flip_rows", "rot180"):
        s = h - 1 + p[0]                       # rows i and s - i are partners
        r0, r1 = max(0, s - h + 1), min(h - 1, s)
        rows = a[r0:r1 + 1]
        if fam == "flip_rows":
            return bool(np.array_equal(rows, rows[::-1]))
        t = w - 1 + p[1]
        c0, c1 = max(0, t - w + 1), min(w - 1, t)
        sub = rows[:, c0:c1 + 1]
        return bool(np.array_equal(sub, sub[::-1, ::-1]))
    if fam == "flip_cols":
        t = w - 1 + p[0]
        c0, c1 = max(0, t - w + 1), min(w - 1, t)
        cols = a[:, c0:c1 + 1]
        return bool(np.array_equal(cols, cols[:, ::-1]))
    if fam == "transpose":                     # (i, j) <-> (j + k, i - k): a square block S with S == S.T
        k = p[0]
        i0, j0 = max(0, k), max(0, -k)
        n = min(h - i0, w - j0)
        if n <= 0:
            return True
        sub = a[i0:i0 + n, j0:j0 + n]
        return bool(np.array_equal(sub, sub.T))
    if fam == "antitranspose":                 # (i, j) <-> (s - j, s - i)
        s = h - 1 + p[0]
        i0, i1 = max(0, s - w + 1), min(h - 1, s)
        j0, j1 = max(0, s - h + 1), min(w - 1, s)
        if i1 < i0 or j1 < j0:
            return True
        sub = a[i0:i1 + 1, j0:j1 + 1]
        return bool(sub.shape[0] == sub.shape[1] and np.array_equal(sub, sub[::-1, ::-1].T))
    # rot90: the largest square around the centre maps onto itself, so its failing is enough to say False
    a2, b2 = h - 1 + p[0], w - 1 + p[1]
    r2 = min(a2, 2 * h - 2 - a2, b2, 2 * w - 2 - b2)
    if r2 < 0:
        return None
    i0, j0 = (a2 - r2) // 2, (b2 - r2) // 2
    sub = a[i0:i0 + r2 + 1, j0:j0 + r2 + 1]
    return False if not np.array_equal(sub, np.rot90(sub)) else None


def grid_symmetries(g: Grid) -> dict[str, list[Param]]:
    """Every family's parameters that hold exactly on a full grid (with enough content covered)."""
    a = g.a
    vis = np.ones(a.shape, dtype=bool)
    bg = background(a)
    flat = a.ravel()
    out: dict[str, list[Param]] = {}
    for fam in FAMILIES:
        ps = []
        for p in family_params(fam, *a.shape):
            if _exact(a, fam, p) is False:
                continue
            src, dst = partner_map(fam, p, *a.shape)
            if src.size and np.array_equal(flat[src], flat[dst]) and holds(fit(a, vis, fam, p, bg)):
                ps.append(p)
        if ps:
            out[fam] = ps
    return out


# ---------------------------------------------------------------------------------------------- mining
def _mask_colour(pairs: Sequence[tuple[Grid, Grid]]) -> Optional[int]:
    """The single input colour of every changed cell, when outputs equal inputs elsewhere."""
    common: Optional[set[int]] = None
    for i, o in pairs:
        if i.shape != o.shape:
            return None
        d = i.a != o.a
        if not d.any():
            continue
        cs = set(np.unique(i.a[d]).tolist())
        common = cs if common is None else common & cs
        if not common or len(cs) != 1:
            return None
    return next(iter(common)) if common else None


def _pair_masks(pairs: Sequence[tuple[Grid, Grid]]) -> Optional[list[int]]:
    """Per pair, the single input colour of all its changed cells (outputs equal inputs elsewhere); None unless
    every pair changes some cells that way."""
    out = []
    for i, o in pairs:
        if i.shape != o.shape:
            return None
        d = i.a != o.a
        cs = np.unique(i.a[d])
        if cs.size != 1:
            return None
        out.append(int(cs[0]))
    return out


def is_box(a: np.ndarray, m: int) -> bool:
    """Whether the cells of colour m exist and fill their bounding box."""
    box = mask_box(a, m)
    return box is not None and box[2] * box[3] == int(np.count_nonzero(a == m))


def mask_box(a: np.ndarray, m: int) -> Optional[tuple[int, int, int, int]]:
    """(top, left, height, width) of the bounding box of colour m, or None when absent."""
    r, c = np.nonzero(a == m)
    if r.size == 0:
        return None
    return int(r.min()), int(c.min()), int(r.max() - r.min() + 1), int(c.max() - c.min() + 1)


def _crop_mask(pairs: Sequence[tuple[Grid, Grid]]) -> Optional[int]:
    """A colour whose cells form, in every input, a solid box of the output's shape (the hidden patch)."""
    for m in range(10):
        ok = True
        for i, o in pairs:
            box = mask_box(i.a, m)
            if box is None or (box[2], box[3]) != o.shape or box[2] * box[3] >= i.a.size:
                ok = False
                break
            t, l, hh, ww = box
            if not (i.a[t:t + hh, l:l + ww] == m).all():
                ok = False
                break
        if ok:
            return m
    return None


def _crop_masks(pairs: Sequence[tuple[Grid, Grid]]) -> Optional[list[int]]:
    """Per pair, the one colour whose cells form a solid box of the output's shape; None unless every pair has one."""
    out = []
    for i, o in pairs:
        found = [m for m in np.unique(i.a).tolist() if is_box(i.a, m) and mask_box(i.a, m)[2:] == o.shape  # type: ignore[index]
                 and o.a.size < i.a.size]
        if len(found) != 1:
            return None
        out.append(int(found[0]))
    return out


ANCHORS = ("top-left", "bottom-left", "top-right", "bottom-right")


def anchor_offset(anchor: str, inner: tuple[int, int], outer: tuple[int, int]) -> tuple[int, int]:
    """Top-left position of an inner grid placed in an outer one at a named corner."""
    r = 0 if anchor.startswith("top") else outer[0] - inner[0]
    c = 0 if anchor.endswith("left") else outer[1] - inner[1]
    return r, c


def _extend_anchor(pairs: Sequence[tuple[Grid, Grid]]) -> Optional[str]:
    """The corner at which every input sits, unchanged, inside its strictly larger output; None if none."""
    for i, o in pairs:
        if i.h > o.h or i.w > o.w or i.shape == o.shape:
            return None
    for anchor in ANCHORS:
        ok = True
        for i, o in pairs:
            r, c = anchor_offset(anchor, i.shape, o.shape)
            if not np.array_equal(o.a[r:r + i.h, c:c + i.w], i.a):
                ok = False
                break
        if ok:
            return anchor
    return None


def mine(pairs: Sequence[tuple[Grid, Grid]]) -> Mined:
    """Mine invariants from the train pairs (input, output)."""
    res = Mined()
    n = len(pairs)
    m = _mask_colour(pairs)
    if m is not None:
        res.mode, res.mask = "fill", m
        res.full_grids = [o for _i, o in pairs]
        res.mask_vanishes = all(not (o.a[i.a == m] == m).any() for i, o in pairs)
        res.invariants.append(Invariant("keep", ("all colours but", m), 1.0, True))
        if res.mask_vanishes:
            res.invariants.append(Invariant("mask_vanishes", (m,), 1.0, True))
    else:
        cm = _crop_mask(pairs)
        cms = [cm] * n if cm is not None else _crop_masks(pairs)
        if cms is not None:
            res.mode, res.mask = "crop", cm
            res.mask_vanishes = all(not (o.a == mk).any() for (_i, o), mk in zip(pairs, cms))
            res.mask_is_box = True
            fulls = []
            for (i, o), mk in zip(pairs, cms):
                t, l, hh, ww = mask_box(i.a, mk)  # type: ignore[misc]
                a = i.a.copy()
                a[t:t + hh, l:l + ww] = o.a
                fulls.append(Grid(a))
            res.full_grids = fulls
            res.invariants.append(Invariant("shape", ("bbox of colour", cm if cm is not None else tuple(cms)), 1.0, True))
        elif (masks := _pair_masks(pairs)) is not None:
            res.mode, res.mask = "fill", None
            res.mask_vanishes = all(not (o.a[i.a == mk] == mk).any() for (i, o), mk in zip(pairs, masks))
            res.invariants.append(Invariant("keep", ("all colours but one mask colour per pair", tuple(masks)), 1.0,
                                            True))
            if res.mask_vanishes:
                res.invariants.append(Invariant("mask_vanishes", ("per pair",), 1.0, True))
            res.mask_is_box = all(is_box(i.a, mk) for (i, _o), mk in zip(pairs, masks))
            if res.mask_is_box:
                res.invariants.append(Invariant("mask_is_box", ("per pair",), 1.0, True))
            res.full_grids = [o for _i, o in pairs]
        else:
            anchor = _extend_anchor(pairs)
            if anchor is not None:
                res.mode, res.anchor, res.mask_vanishes = "extend", anchor, True
                res.invariants.append(Invariant("shape", ("input inside a larger output at", anchor), 1.0, True))
            res.full_grids = [o for _i, o in pairs]
    _mine_palette(res, pairs)
    _mine_symmetries(res, n)
    _mine_counts(res, pairs)
    _mine_colour_map(res, pairs)
    return res


def _mine_palette(res: Mined, pairs: Sequence[tuple[Grid, Grid]]) -> None:
    inside = sum(set(np.unique(o.a).tolist()) <= set(np.unique(i.a).tolist()) for i, o in pairs)
    if inside:
        res.invariants.append(Invariant("palette", ("output colours within input colours",), inside / len(pairs),
                                        inside == len(pairs)))
    fixed = set.intersection(*(set(np.unique(o.a).tolist()) for _i, o in pairs))
    union = set.union(*(set(np.unique(o.a).tolist()) for _i, o in pairs))
    res.invariants.append(Invariant("palette", ("train output colours", tuple(sorted(union))), 1.0, False))
    if fixed:
        res.invariants.append(Invariant("palette", ("always present", tuple(sorted(fixed))), 1.0, True))


def _mine_symmetries(res: Mined, n: int) -> None:
    per_pair = [grid_symmetries(g) for g in res.full_grids]
    for fam in FAMILIES:
        have = [fam in s for s in per_pair]
        k = sum(have)
        if not k:
            continue
        res.invariants.append(Invariant("family", (fam,), k / n, k == n))
        if k == n:  # positions are offsets from the centre (translations: absolute), so shapes may differ
            consts = set.intersection(*(set(s[fam]) for s in per_pair))
            for p in sorted(consts):
                res.invariants.append(Invariant("symmetry", (fam, p), 1.0, True))


def _mine_counts(res: Mined, pairs: Sequence[tuple[Grid, Grid]]) -> None:
    n = len(pairs)
    same = [i.shape == o.shape for i, o in pairs]
    if all(same):
        kept = sum(bool(np.array_equal(np.bincount(i.a.ravel(), minlength=10), np.bincount(o.a.ravel(), minlength=10)))
                   for i, o in pairs)
        if kept:
            res.invariants.append(Invariant("count", ("every colour count kept",), kept / n, kept == n))
        for c in range(10):
            ok = sum(int((i.a == c).sum()) == int((o.a == c).sum()) for i, o in pairs)
            present = any((i.a == c).any() for i, _o in pairs)
            if present and ok == n and kept < n:
                res.invariants.append(Invariant("count", ("colour count kept", c), 1.0, True))
        rows = sum(bool(np.array_equal(np.sort(i.a, axis=1), np.sort(o.a, axis=1))) for i, o in pairs)
        if rows and rows == n and kept < n:
            res.invariants.append(Invariant("count", ("row colour counts kept",), 1.0, True))


def _mine_colour_map(res: Mined, pairs: Sequence[tuple[Grid, Grid]]) -> None:
    if not all(i.shape == o.shape for i, o in pairs):
        return
    votes = np.zeros((10, 10), dtype=np.int64)
    for i, o in pairs:
        np.add.at(votes, (i.a.ravel(), o.a.ravel()), 1)
    total = votes.sum()
    best = votes.argmax(axis=1)
    agree = int(votes[np.arange(10), best].sum())
    mapping = tuple((c, int(best[c])) for c in range(10) if votes[c].sum() and best[c] != c)
    if mapping and agree >= 0.9 * total:
        res.invariants.append(Invariant("colour_map", mapping, agree / total, agree == total))


def quick_mode(train: Sequence[tuple[Grid, Grid]]) -> Optional[str]:
    """"fill", "crop" or "extend" when the pairs look like completion (cheap test, no symmetry mining), else None."""
    if _mask_colour(train) is not None or _pair_masks(train) is not None:
        return "fill"
    if _crop_mask(train) is not None or _crop_masks(train) is not None:
        return "crop"
    if _extend_anchor(train) is not None:
        return "extend"
    return None


__all__ = ["quick_mode", "FAMILIES", "Invariant", "Mined", "mine", "fit", "holds", "family_params", "partner_map",
           "grid_symmetries", "background", "mask_box", "Fit"]
