"""Objects: connected components, object properties, selection, and painting / moving / reshaping objects.

Objects are extracted by a vectorised union-find over the grid's cell adjacency (no scipy), and the
extraction of each (grid, flags) is memoised, since the search calls it on the same inputs over and over.
"""
from __future__ import annotations

import threading
from collections import Counter

import numpy as np

from ..errors import DSLError
from ..grid import EMPTY, MAX_INNER_SIDE, Grid, Indices, Obj
from ..registry import primitive
from ..types import Colour, Grids, Objs, Point
from ._util import G, bg_colour, border_mask, flood, need, require

#: Largest side of an object's bounding box (mirrors the bound in Obj itself).
MAX_OBJ_SIDE = MAX_INNER_SIDE * 3
#: Largest magnitude of an object's top/left position.
_MAX_OFFSET = 10_000
#: How many (grid, flags) extractions are memoised, and how many objects they may hold in all.
_CACHE_SIZE = 2048
_CACHE_OBJS = 100_000

_NO_CELL = np.int8(EMPTY)


# ---------------------------------------------------------------- helpers (not primitives)

def _empty_obj() -> Obj:
    return Obj(0, 0, np.zeros((0, 0), dtype=np.int8), normalise=False)


def _empty_idx() -> Indices:
    return Indices(0, 0, np.zeros((0, 0), dtype=bool), normalise=False)


def _ro(a: np.ndarray) -> np.ndarray:
    """Make a freshly built array read-only and C-contiguous (so Obj/Indices need not copy it)."""
    if not a.flags.c_contiguous:
        a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a


def _obj(top: int, left: int, a: np.ndarray, tight: bool = False) -> Obj:
    """Build an object; `tight` says the array is already cropped to its cells (skips re-cropping)."""
    require(abs(top) <= _MAX_OFFSET and abs(left) <= _MAX_OFFSET, f"object at ({top},{left}) is too far out")
    return Obj(top, left, _ro(a), normalise=not tight)


def _nonempty(o: Obj, name: str) -> None:
    require(not o.is_empty(), f"{name}: the object is empty")


def clip(top: int, left: int, h: int, w: int, gh: int, gw: int) -> tuple[int, int, int, int] | None:
    """Intersection of the h×w box at (top, left) with a gh×gw grid: (r0, r1, c0, c1), or None if disjoint."""
    r0, c0 = max(0, top), max(0, left)
    r1, c1 = min(gh, top + h), min(gw, left + w)
    if r0 >= r1 or c0 >= c1:
        return None
    return r0, r1, c0, c1


def paint_into(out: np.ndarray, o: Obj) -> None:
    """Draw o's cells into the array `out` in place, clipping at its border."""
    if o.is_empty():
        return
    box = clip(o.top, o.left, o.h, o.w, *out.shape)
    if box is None:
        return
    r0, r1, c0, c1 = box
    src = o.a[r0 - o.top:r1 - o.top, c0 - o.left:c1 - o.left]
    view = out[r0:r1, c0:c1]
    m = src != EMPTY
    view[m] = src[m]


def cover_into(out: np.ndarray, o: Obj, bg: int) -> None:
    """Set o's cells in `out` to colour bg in place, clipping at its border."""
    if o.is_empty():
        return
    box = clip(o.top, o.left, o.h, o.w, *out.shape)
    if box is None:
        return
    r0, r1, c0, c1 = box
    m = o.a[r0 - o.top:r1 - o.top, c0 - o.left:c1 - o.left] != EMPTY
    out[r0:r1, c0:c1][m] = bg


def _sizes(objs: Objs) -> list[int]:
    return [int(np.count_nonzero(o.a != EMPTY)) for o in objs]


def _colour_of(o: Obj) -> int:
    """The object's most common colour (ties: the smallest; 0 when empty), memoised on the object."""
    c = o._colour  # type: ignore[attr-defined]
    if c is None:
        vals = o.a[o.a != EMPTY]
        c = int(np.bincount(vals, minlength=10).argmax()) if vals.size else 0
        _SET_COLOUR(o, c)
    return c


def _shape_key(o: Obj) -> tuple[tuple[int, int], bytes]:
    return (o.a.shape, np.packbits(o.a != EMPTY).tobytes())


def _pick(objs: Objs, i: int, name: str) -> Obj:
    require(len(objs) > 0, f"{name}: no objects to choose from")
    require(-len(objs) <= i < len(objs), f"{name}: index {i} but only {len(objs)} objects")
    return objs[i]


def _frame_of(objs: list[Obj]) -> tuple[int, int, int, int]:
    """Common bounding box (top, left, h, w) of non-empty objects, within the object size bound."""
    top = min(o.top for o in objs)
    left = min(o.left for o in objs)
    h = max(o.top + o.h for o in objs) - top
    w = max(o.left + o.w for o in objs) - left
    require(h <= MAX_OBJ_SIDE and w <= MAX_OBJ_SIDE, f"merged object of {h}x{w} exceeds the bound")
    return top, left, h, w


# ---------------------------------------------------------------- connected components

# Slot setters used to build extracted objects without re-validating arrays already in Obj's form.
_SET_TOP, _SET_LEFT, _SET_A, _SET_HASH = Obj.top.__set__, Obj.left.__set__, Obj.a.__set__, Obj._hash.__set__  # type: ignore[attr-defined]
_SET_COLOUR = Obj._colour.__set__  # type: ignore[attr-defined]

_EDGE_CACHE: dict[tuple[int, int, bool], tuple[np.ndarray, np.ndarray]] = {}


def _edges(h: int, w: int, diagonal: bool) -> tuple[np.ndarray, np.ndarray]:
    """Flat indices (u, v) of both cells of every 4- (or 8-) adjacent pair of an h×w grid, memoised per shape."""
    key = (h, w, diagonal)
    got = _EDGE_CACHE.get(key)
    if got is None:
        idx = np.arange(h * w, dtype=np.intp).reshape(h, w)
        us, vs = [idx[:, :-1], idx[:-1, :]], [idx[:, 1:], idx[1:, :]]
        if diagonal:
            us += [idx[:-1, :-1], idx[:-1, 1:]]
            vs += [idx[1:, 1:], idx[1:, :-1]]
        got = (np.concatenate([x.ravel() for x in us]), np.concatenate([x.ravel() for x in vs]))
        if len(_EDGE_CACHE) > 256:
            _EDGE_CACHE.clear()
        _EDGE_CACHE[key] = got
    return got


def extract_objects(a: np.ndarray, univalued: bool, diagonal: bool, without_bg: bool) -> tuple[Obj, ...]:
    """Connected components of a colour array as objects, ordered by (top row, left column)."""
    h, w = a.shape
    n = h * w
    af = a.ravel()
    iu, iv = _edges(h, w, diagonal)
    fg = None
    if without_bg:
        bg = int(np.bincount(af, minlength=10).argmax())
        fg = af != bg
    if univalued:
        x = af[iu]
        ok = x == af[iv]
        if fg is not None:
            ok &= x != bg
        u, v = iu[ok], iv[ok]
    elif fg is not None:
        ok = fg[iu] & fg[iv]
        u, v = iu[ok], iv[ok]
    else:
        u, v = iu, iv
    # Union-find, vectorised: pull both ends of every edge down to their smaller label, then shortcut
    # (label of label), until nothing changes. Every cell ends labelled with its component's first cell.
    lab = np.arange(n, dtype=np.intp)
    if u.size:
        while True:
            prev = lab.copy()
            lu, lv = lab[u], lab[v]
            m = np.minimum(lu, lv)
            np.minimum.at(lab, lu, m)
            np.minimum.at(lab, lv, m)
            lab = lab[lab]
            lab = lab[lab]
            if (lab == prev).all():
                break
    isroot = lab == np.arange(n)
    if fg is not None:
        isroot &= fg
    roots = np.flatnonzero(isroot)  # row-major, so the root is in its component's top row
    k = roots.size
    if k == 0:
        return ()
    cid = np.empty(n, dtype=np.intp)
    cid[roots] = np.arange(k)
    cells = np.flatnonzero(fg) if fg is not None else np.arange(n)
    comp = cid[lab[cells]]
    rows, cols = np.divmod(cells, w)
    tops, lefts = np.divmod(roots, w)
    bottoms = tops.copy()
    np.maximum.at(bottoms, comp, rows)
    rights = lefts.copy()
    np.maximum.at(rights, comp, cols)
    np.minimum.at(lefts, comp, cols)
    hs = bottoms - tops + 1
    ws = rights - lefts + 1
    # Every object's colour array is a contiguous slice of one buffer, filled in a single scatter.
    offs = np.zeros(k + 1, dtype=np.intp)
    np.cumsum(hs * ws, out=offs[1:])
    buf = np.full(int(offs[-1]), EMPTY, dtype=np.int8)
    buf[offs[comp] + (rows - tops[comp]) * ws[comp] + (cols - lefts[comp])] = af[cells]
    buf.setflags(write=False)
    t_l, l_l, h_l, w_l, o_l = tops.tolist(), lefts.tolist(), hs.tolist(), ws.tolist(), offs.tolist()
    c_l = af[roots].tolist() if univalued else [None] * k  # a one-colour component's colour is its first cell's
    out = []
    new, s_top, s_left, s_a, s_hash, s_col = Obj.__new__, _SET_TOP, _SET_LEFT, _SET_A, _SET_HASH, _SET_COLOUR
    for i in np.lexsort((lefts, tops)).tolist():
        o, hh, ww = o_l[i], h_l[i], w_l[i]
        ob = new(Obj)  # what Obj(...) would build, minus its checks: the array is read-only, int8, cropped
        s_top(ob, t_l[i])
        s_left(ob, l_l[i])
        s_a(ob, buf[o:o + hh * ww].reshape(hh, ww))
        s_hash(ob, None)
        s_col(ob, c_l[i])
        out.append(ob)
    return tuple(out)



_OBJ_CACHE: dict[tuple[Grid, bool, bool, bool], tuple[Obj, ...]] = {}
_cached_objs = 0
#: Solves may run in several threads of one process: the cache is updated under this lock.
_OBJ_CACHE_LOCK = threading.Lock()


def _objects(g: Grid, univalued: bool, diagonal: bool, without_bg: bool) -> tuple[Obj, ...]:
    """Memoised `extract_objects` of a grid (oldest entries are dropped first)."""
    global _cached_objs
    key = (g, bool(univalued), bool(diagonal), bool(without_bg))
    got = _OBJ_CACHE.get(key)
    if got is None:
        got = extract_objects(g.a, *key[1:])
        with _OBJ_CACHE_LOCK:
            while _OBJ_CACHE and (len(_OBJ_CACHE) >= _CACHE_SIZE or _cached_objs + len(got) > _CACHE_OBJS):
                _cached_objs -= len(_OBJ_CACHE.pop(next(iter(_OBJ_CACHE))))
            if key not in _OBJ_CACHE:
                _OBJ_CACHE[key] = got
                _cached_objs += len(got)
    return got


@primitive("objects", weight=1.5)
def objects(g: Grid, univalued: bool, diagonal: bool, without_bg: bool) -> Objs:
    """Connected components: one colour each if univalued, 8-connected if diagonal, skipping background cells if without_bg."""
    return _objects(g, univalued, diagonal, without_bg)


@primitive("objects", weight=2.0)
def components(g: Grid) -> Objs:
    """Single-colour 4-connected objects of non-background cells."""
    return _objects(g, True, False, True)


@primitive("objects", weight=1.5)
def components8(g: Grid) -> Objs:
    """Single-colour 8-connected (diagonals touch) objects of non-background cells."""
    return _objects(g, True, True, True)


@primitive("objects", weight=1.5)
def multicolour_objects(g: Grid) -> Objs:
    """8-connected objects of non-background cells, possibly of several colours each."""
    return _objects(g, False, True, True)


@primitive("objects")
def colour_objects(g: Grid) -> Objs:
    """One object per non-background colour, holding every cell of that colour (ordered by position)."""
    a = g.a
    bg = bg_colour(a)
    out = []
    for c in np.flatnonzero(np.bincount(a.ravel(), minlength=10)).tolist():
        if c != bg:
            out.append(Obj(0, 0, np.where(a == c, a, _NO_CELL)))
    out.sort(key=lambda o: (o.top, o.left))
    return tuple(out)


@primitive("objects")
def subgrids(objs: Objs, g: Grid) -> Grids:
    """The part of g inside each object's bounding box, in order."""
    return tuple(subgrid(o, g) for o in objs)


# ---------------------------------------------------------------- properties

@primitive("objects", weight=1.5)
def obj_size(o: Obj) -> int:
    """Number of cells of the object."""
    return o.size


@primitive("objects")
def obj_height(o: Obj) -> int:
    """Height of the object's bounding box (0 if empty)."""
    return o.h


@primitive("objects")
def obj_width(o: Obj) -> int:
    """Width of the object's bounding box (0 if empty)."""
    return o.w


@primitive("objects")
def obj_dims(o: Obj) -> Point:
    """(height, width) of the object's bounding box."""
    _nonempty(o, "obj_dims")
    return (o.h, o.w)


@primitive("objects", weight=1.5)
def obj_colour(o: Obj) -> Colour:
    """The object's most common colour (ties: the smallest)."""
    _nonempty(o, "obj_colour")
    return _colour_of(o)


@primitive("objects")
def ulcorner(o: Obj) -> Point:
    """(row, col) of the top-left corner of the object's bounding box."""
    _nonempty(o, "ulcorner")
    return (o.top, o.left)


@primitive("objects")
def lrcorner(o: Obj) -> Point:
    """(row, col) of the bottom-right corner of the object's bounding box."""
    _nonempty(o, "lrcorner")
    return (o.top + o.h - 1, o.left + o.w - 1)


@primitive("objects")
def center(o: Obj) -> Point:
    """(row, col) of the centre of the object's bounding box (rounded up-left)."""
    _nonempty(o, "center")
    return (o.top + (o.h - 1) // 2, o.left + (o.w - 1) // 2)


@primitive("objects")
def normalise(o: Obj) -> Obj:
    """The object moved so its bounding box starts at (0, 0)."""
    return Obj(0, 0, o.a, normalise=False)


@primitive("objects", weight=1.5)
def obj_grid(o: Obj) -> Grid:
    """The object cropped to its bounding box as a grid; cells not in the object are 0."""
    _nonempty(o, "obj_grid")
    need(o.h, o.w)
    return G(np.where(o.a == EMPTY, np.int8(0), o.a))


@primitive("objects", weight=1.5)
def subgrid(o: Obj, g: Grid) -> Grid:
    """The part of g inside the object's bounding box (clipped to g)."""
    _nonempty(o, "subgrid")
    box = clip(o.top, o.left, o.h, o.w, g.h, g.w)
    require(box is not None, "subgrid: the object lies outside the grid")
    r0, r1, c0, c1 = box  # type: ignore[misc]
    return G(g.a[r0:r1, c0:c1])


@primitive("objects")
def indices_of(o: Obj) -> Indices:
    """Positions of the object's cells."""
    return Indices(o.top, o.left, _ro(o.a != EMPTY), normalise=False)


@primitive("objects")
def to_obj(idx: Indices, g: Grid) -> Obj:
    """The cells of g at the given positions, with their colours (positions outside g are dropped)."""
    if idx.is_empty():
        return _empty_obj()
    box = clip(idx.top, idx.left, idx.h, idx.w, g.h, g.w)
    if box is None:
        return _empty_obj()
    r0, r1, c0, c1 = box
    m = idx.m[r0 - idx.top:r1 - idx.top, c0 - idx.left:c1 - idx.left]
    return _obj(r0, c0, np.where(m, g.a[r0:r1, c0:c1], _NO_CELL))


@primitive("objects")
def bbox(o: Obj) -> Indices:
    """Every position inside the object's bounding box."""
    if o.is_empty():
        return _empty_idx()
    return Indices(o.top, o.left, _ro(np.ones((o.h, o.w), dtype=bool)), normalise=False)


@primitive("objects", weight=0.5)
def is_square(o: Obj) -> bool:
    """Whether the object's bounding box is square (as tall as it is wide)."""
    return not o.is_empty() and o.h == o.w


@primitive("objects")
def is_solid(o: Obj) -> bool:
    """Whether the object fills its whole bounding box (a filled rectangle)."""
    return not o.is_empty() and bool((o.a != EMPTY).all())


@primitive("objects", weight=0.5)
def is_hline(o: Obj) -> bool:
    """Whether the object is an unbroken horizontal line (one row tall)."""
    return o.h == 1 and bool((o.a != EMPTY).all())


@primitive("objects", weight=0.5)
def is_vline(o: Obj) -> bool:
    """Whether the object is an unbroken vertical line (one column wide)."""
    return o.w == 1 and bool((o.a != EMPTY).all())


@primitive("objects")
def touches_border(o: Obj, g: Grid) -> bool:
    """Whether some cell of the object lies on the outermost rows or columns of g."""
    if o.is_empty():
        return False
    m = o.a != EMPTY
    rows = np.flatnonzero(m.any(axis=1)) + o.top
    cols = np.flatnonzero(m.any(axis=0)) + o.left
    return bool((rows == 0).any() or (rows == g.h - 1).any() or (cols == 0).any() or (cols == g.w - 1).any())


@primitive("objects")
def count_objs(objs: Objs) -> int:
    """Number of objects."""
    return len(objs)


@primitive("objects")
def size_rank(o: Obj, objs: Objs) -> int:
    """How many objects in objs have more cells than o (0 for the largest): o's rank by size."""
    n = o.size
    return sum(1 for s in _sizes(objs) if s > n)


@primitive("objects")
def shape_count(o: Obj, objs: Objs) -> int:
    """How many objects in objs have o's shape (its cells relative to its top-left, colours ignored)."""
    key = _shape_key(o)
    return sum(1 for x in objs if _shape_key(x) == key)


# ---------------------------------------------------------------- selection

@primitive("objects", weight=2.0)
def largest(objs: Objs) -> Obj:
    """The object with the most cells (ties: the first)."""
    require(len(objs) > 0, "largest: no objects")
    s = _sizes(objs)
    return objs[s.index(max(s))]


@primitive("objects", weight=1.5)
def smallest(objs: Objs) -> Obj:
    """The object with the fewest cells (ties: the first)."""
    require(len(objs) > 0, "smallest: no objects")
    s = _sizes(objs)
    return objs[s.index(min(s))]


@primitive("objects")
def first(objs: Objs) -> Obj:
    """The first object (topmost, then leftmost, in the usual order)."""
    return _pick(objs, 0, "first")


@primitive("objects")
def last(objs: Objs) -> Obj:
    """The last object of the sequence."""
    return _pick(objs, -1, "last")


@primitive("objects")
def nth(objs: Objs, i: int) -> Obj:
    """The object at position i (negative i counts from the end)."""
    return _pick(objs, i, "nth")


@primitive("objects")
def odd_one_out(objs: Objs) -> Obj:
    """The only object whose shape (else colour, else shape-and-colours, else size) no other object shares."""
    require(len(objs) >= 2, "odd_one_out needs at least 2 objects")
    for key in (_shape_key, _colour_of, lambda o: (o.a.shape, o.a.tobytes()), lambda o: o.size):
        keys = [key(o) for o in objs]
        cnt = Counter(keys)
        unique = [o for o, k in zip(objs, keys) if cnt[k] == 1]
        if len(unique) == 1:
            return unique[0]
    raise DSLError("odd_one_out: no single object differs from all the others")


@primitive("objects", weight=0.5)
def most_common_shape(objs: Objs) -> Obj:
    """The first object whose shape is the most frequent among the objects."""
    require(len(objs) > 0, "most_common_shape: no objects")
    keys = [_shape_key(o) for o in objs]
    cnt = Counter(keys)
    best = max(cnt.values())
    return next(o for o, k in zip(objs, keys) if cnt[k] == best)


@primitive("objects", weight=1.5)
def filter_colour(objs: Objs, c: Colour) -> Objs:
    """The objects whose most common colour is c."""
    return tuple(o for o in objs if not o.is_empty() and _colour_of(o) == c)


@primitive("objects")
def filter_size(objs: Objs, n: int) -> Objs:
    """The objects with exactly n cells."""
    return tuple(o for o, s in zip(objs, _sizes(objs)) if s == n)


@primitive("objects")
def exclude(objs: Objs, o: Obj) -> Objs:
    """The objects other than o."""
    return tuple(x for x in objs if x != o)


@primitive("objects")
def merge(objs: Objs) -> Obj:
    """One object holding the cells of all the objects (later objects win where they overlap)."""
    live = [o for o in objs if not o.is_empty()]
    if not live:
        return _empty_obj()
    if len(live) == 1:
        return live[0]
    top, left, h, w = _frame_of(live)
    out = np.full((h, w), _NO_CELL, dtype=np.int8)
    for o in live:
        view = out[o.top - top:o.top - top + o.h, o.left - left:o.left - left + o.w]
        m = o.a != EMPTY
        view[m] = o.a[m]
    return _obj(top, left, out, tight=True)


@primitive("objects", weight=0.5)
def sort_by_size(objs: Objs) -> Objs:
    """The objects from fewest to most cells (ties keep their order)."""
    s = _sizes(objs)
    return tuple(objs[i] for i in sorted(range(len(objs)), key=s.__getitem__))


# ---------------------------------------------------------------- painting and editing

@primitive("objects", weight=2.0)
def paint(g: Grid, o: Obj) -> Grid:
    """Draw the object's cells onto g (cells outside g are dropped)."""
    out = g.a.copy()
    paint_into(out, o)
    return G(out)


@primitive("objects", weight=1.5)
def cover(g: Grid, o: Obj) -> Grid:
    """Set the object's cells in g to g's background colour."""
    out = g.a.copy()
    cover_into(out, o, bg_colour(g.a))
    return G(out)


@primitive("objects", weight=1.5)
def paint_all(g: Grid, objs: Objs) -> Grid:
    """Draw every object onto g, in order."""
    out = g.a.copy()
    for o in objs:
        paint_into(out, o)
    return G(out)


@primitive("objects", weight=1.5)
def recolor(o: Obj, c: Colour) -> Obj:
    """The object with every cell coloured c."""
    if o.is_empty():
        return o
    return Obj(o.top, o.left, _ro(np.where(o.a == EMPTY, _NO_CELL, np.int8(c))), normalise=False)


@primitive("objects", weight=1.5)
def shift_obj(o: Obj, d: Point) -> Obj:
    """The object moved by (drow, dcol)."""
    if o.is_empty():
        return o
    return _obj(o.top + d[0], o.left + d[1], o.a, tight=True)


@primitive("objects")
def move_to(o: Obj, p: Point) -> Obj:
    """The object moved so that its bounding box's top-left corner is at p."""
    if o.is_empty():
        return o
    return _obj(p[0], p[1], o.a, tight=True)


@primitive("objects")
def gravitate(o: Obj, target: Obj) -> Obj:
    """The object slid in a straight line towards target until it touches it (4-adjacent)."""
    _nonempty(o, "gravitate")
    _nonempty(target, "gravitate")
    if adjacent(o, target):
        return o
    if o.top < target.top + target.h and target.top < o.top + o.h:
        d = (0, 1 if target.left + target.w / 2 > o.left + o.w / 2 else -1)
    elif o.left < target.left + target.w and target.left < o.left + o.w:
        d = (1 if target.top + target.h / 2 > o.top + o.h / 2 else -1, 0)
    else:
        raise DSLError("gravitate: the objects share no row or column to slide along")
    cur = o
    for _ in range(2 * MAX_OBJ_SIDE):
        cur = Obj(cur.top + d[0], cur.left + d[1], cur.a, normalise=False)
        if _overlap(cur, target):
            break
        if adjacent(cur, target):
            return cur
    raise DSLError("gravitate: the object slides past the target without touching it")


def _overlap(a: Obj, b: Obj) -> bool:
    box = clip(b.top - a.top, b.left - a.left, b.h, b.w, a.h, a.w)
    if box is None:
        return False
    r0, r1, c0, c1 = box
    ma = a.a[r0:r1, c0:c1] != EMPTY
    mb = b.a[r0 + a.top - b.top:r1 + a.top - b.top, c0 + a.left - b.left:c1 + a.left - b.left] != EMPTY
    return bool((ma & mb).any())


@primitive("objects")
def fall(g: Grid, d: Point) -> Grid:
    """Slide every object (multi-colour, 8-connected) rigidly in direction d until it meets the border or another object."""
    dr, dc = d
    require((abs(dr), abs(dc)) in ((1, 0), (0, 1)), "fall needs a unit direction such as (1, 0)")
    a = g.a
    h, w = a.shape
    bg = bg_colour(a)
    objs = list(_objects(g, False, True, True))
    if not objs:
        return g
    # Leading objects first: those furthest along d.
    lead = (lambda o: -(o.top + o.h)) if dr > 0 else (lambda o: o.top) if dr < 0 else \
        (lambda o: -(o.left + o.w)) if dc > 0 else (lambda o: o.left)
    objs.sort(key=lead)
    pos = [(o.top, o.left) for o in objs]
    masks = [o.a != EMPTY for o in objs]
    occ = np.zeros((h, w), dtype=bool)
    for o, m in zip(objs, masks):
        occ[o.top:o.top + o.h, o.left:o.left + o.w] |= m
    moved = True
    while moved:
        moved = False
        for i, (o, m) in enumerate(zip(objs, masks)):
            t, l = pos[i]
            occ[t:t + o.h, l:l + o.w] &= ~m
            while True:
                nt, nl = t + dr, l + dc
                if nt < 0 or nl < 0 or nt + o.h > h or nl + o.w > w or (occ[nt:nt + o.h, nl:nl + o.w] & m).any():
                    break
                t, l = nt, nl
                moved = True
            occ[t:t + o.h, l:l + o.w] |= m
            pos[i] = (t, l)
    out = np.full_like(a, bg)
    for o, (t, l) in zip(objs, pos):
        paint_into(out, Obj(t, l, o.a, normalise=False))
    return G(out)


@primitive("objects")
def flip_obj_h(o: Obj) -> Obj:
    """The object mirrored left-right within its bounding box."""
    return Obj(o.top, o.left, np.ascontiguousarray(o.a[:, ::-1]), normalise=False)


@primitive("objects")
def flip_obj_v(o: Obj) -> Obj:
    """The object mirrored upside down within its bounding box."""
    return Obj(o.top, o.left, np.ascontiguousarray(o.a[::-1, :]), normalise=False)


@primitive("objects", weight=0.5)
def upscale_obj(o: Obj, k: int) -> Obj:
    """The object scaled up by k about its top-left corner (each cell becomes a k×k block)."""
    require(k >= 1, "upscale_obj factor must be >= 1")
    if o.is_empty():
        return o
    need(o.h * k, o.w * k)
    return _obj(o.top, o.left, np.repeat(np.repeat(o.a, k, axis=0), k, axis=1), tight=True)


@primitive("objects")
def delta(o: Obj) -> Indices:
    """Positions inside the object's bounding box that are not cells of the object."""
    if o.is_empty():
        return _empty_idx()
    return Indices(o.top, o.left, o.a == EMPTY)


def _ring(top: int, left: int, h: int, w: int) -> Indices:
    if h <= 0 or w <= 0:
        return _empty_idx()
    require(h <= MAX_OBJ_SIDE and w <= MAX_OBJ_SIDE, "box exceeds the bound")
    m = np.ones((h, w), dtype=bool)
    m[1:-1, 1:-1] = False
    return Indices(top, left, _ro(m), normalise=False)


@primitive("objects")
def outline(o: Obj) -> Indices:
    """Positions on the border of the object's bounding box."""
    if o.is_empty():
        return _empty_idx()
    return _ring(o.top, o.left, o.h, o.w)


@primitive("objects", weight=0.5)
def inbox(o: Obj) -> Indices:
    """Positions on the border of the object's bounding box shrunk by one cell on every side."""
    if o.is_empty():
        return _empty_idx()
    return _ring(o.top + 1, o.left + 1, o.h - 2, o.w - 2)


@primitive("objects")
def outbox(o: Obj) -> Indices:
    """Positions on the border of the object's bounding box grown by one cell on every side."""
    if o.is_empty():
        return _empty_idx()
    return _ring(o.top - 1, o.left - 1, o.h + 2, o.w + 2)


def _dilate(m: np.ndarray, diagonal: bool) -> np.ndarray:
    """The mask grown by one cell (4- or 8-neighbourhood), in a frame one cell larger on every side."""
    h, w = m.shape
    out = np.zeros((h + 2, w + 2), dtype=bool)
    for dr in range(3):
        for dc in range(3):
            if diagonal or dr == 1 or dc == 1:
                out[dr:dr + h, dc:dc + w] |= m
    return out


@primitive("objects")
def neighbours(o: Obj, diagonal: bool) -> Indices:
    """Positions next to the object (4-adjacent, or 8-adjacent if diagonal) that are not its cells."""
    if o.is_empty():
        return _empty_idx()
    m = o.a != EMPTY
    out = _dilate(m, diagonal)
    out[1:-1, 1:-1] &= ~m
    return Indices(o.top - 1, o.left - 1, out)


@primitive("objects")
def adjacent(a: Obj, b: Obj) -> bool:
    """Whether some cell of a is 4-adjacent to (or the same position as) some cell of b."""
    if a.is_empty() or b.is_empty():
        return False
    grown = _dilate(a.a != EMPTY, False)
    t, l = a.top - 1, a.left - 1
    box = clip(b.top - t, b.left - l, b.h, b.w, a.h + 2, a.w + 2)
    if box is None:
        return False
    r0, r1, c0, c1 = box
    mb = b.a[r0 + t - b.top:r1 + t - b.top, c0 + l - b.left:c1 + l - b.left] != EMPTY
    return bool((grown[r0:r1, c0:c1] & mb).any())


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


def _reach_border(free: np.ndarray) -> np.ndarray:
    """Cells of the mask `free` 4-connected to the grid border through free cells."""
    return flood(free, border_mask(free.shape))


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
