"""Local cell rules: each output cell as a function of features of the same input cell, learned from the train pairs.

For tasks whose outputs have their inputs' shapes (or are read from a canvas of the output's size: the input
tiled, mirror-tiled or scaled up by one integer factor, the input cut into equal parts stacked on each other, or
the input as a grid of equal blocks, one per output cell), a *rule* is a decision list of lookup tables. Each table maps
a feature key of an input cell (its colour with its 4 neighbours, the first colour met along each row/column ray,
the size of its component, ...) to the output colour; a cell takes its colour from the first table whose key for
it was seen in training with one output colour only (keys seen with two colours are ambiguous and fall through).

A rule is accepted only when it generalises across the train pairs: learned from all pairs but one, it must
reproduce the held-out pair exactly, for every choice of held-out pair (leave-one-out), and it must cover every
cell of every test input. That check is what keeps such tables from memorising the train outputs. Rules are
tried simplest first, in the task's colours and then in normalised colours (each pair renamed by its input's
colour frequencies); the first ones that pass give predictions (source `cellrule`), ranked by the solver right
after its best program, like MaxSAT grids.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

import numpy as np

from arcsynth.dsl.grid import Grid

#: Colour code of a position outside the grid.
OUTSIDE = 10

_DIRS4 = ((0, 1), (0, -1), (1, 0), (-1, 0))
_DIRS_DIAG = ((1, 1), (1, -1), (-1, 1), (-1, -1))
_DIRS8 = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))


def _shifted(a: np.ndarray, dr: int, dc: int, outside: int = OUTSIDE) -> np.ndarray:
    """The colour of the neighbour at offset (dr, dc) of every cell, `outside` beyond the border."""
    h, w = a.shape
    p = np.full((h + 2, w + 2), outside, dtype=np.int64)
    p[1:-1, 1:-1] = a
    return p[1 + dr:1 + dr + h, 1 + dc:1 + dc + w]


def _bits(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The set of colours (OUTSIDE included) among several per-cell colour arrays, as a bit mask."""
    out = np.zeros(parts[0].shape, dtype=np.int64)
    for x in parts:
        out |= np.left_shift(1, x)
    return out


def _ray(a: np.ndarray, bg: int, dr: int, dc: int) -> np.ndarray:
    """The first non-background colour met walking from each cell (exclusive) in direction (dr, dc); OUTSIDE if none."""
    h, w = a.shape
    out = np.full((h, w), OUTSIDE, dtype=np.int64)
    rows = range(h - 1, -1, -1) if dr > 0 else range(h)
    cols = range(w - 1, -1, -1) if dc > 0 else range(w)
    # Cells nearer the far end are done first, so each cell reads its neighbour's finished value.
    for r in rows:
        for c in cols:
            nr, nc = r + dr, c + dc
            if 0 <= nr < h and 0 <= nc < w:
                v = a[nr, nc]
                out[r, c] = v if v != bg else out[nr, nc]
    return out


def _components(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per cell: the size of its 4-connected one-colour component, and whether that component touches the border."""
    h, w = a.shape
    size = np.zeros((h, w), dtype=np.int64)
    border = np.zeros((h, w), dtype=np.int64)
    for rs, cs in _objects(a, None, True, False):
        size[rs, cs] = len(rs)
        border[rs, cs] = int(rs.min() == 0 or cs.min() == 0 or rs.max() == h - 1 or cs.max() == w - 1)
    return size, border


def _objects(a: np.ndarray, bg: Optional[int], univalued: bool, diagonal: bool
             ) -> list[tuple[np.ndarray, np.ndarray]]:
    """The components of a grid (one colour and 4-connected, or any colours and 8-connected) as (rows, cols) of
    their cells; those of the background colour left out unless bg is None."""
    from arcsynth.dsl.primitives.objects import _extract
    out = []
    for o in _extract(a.astype(np.int8), univalued, diagonal, False):
        rs, cs = np.nonzero(o.a >= 0)
        rs, cs = rs + o.top, cs + o.left
        if bg is None or a[rs[0], cs[0]] != bg:
            out.append((rs, cs))
    return out


def _between(a: np.ndarray, bg: int, axes: tuple[tuple[int, int], ...]) -> list[np.ndarray]:
    """Per axis: the colour met first on both sides of each cell along that axis when it is the same colour on
    both sides (the cell lies between two cells of that colour), else OUTSIDE."""
    out = []
    for dr, dc in axes:
        one, other = _ray(a, bg, dr, dc), _ray(a, bg, -dr, -dc)
        out.append(np.where(one == other, one, OUTSIDE))
    return out


def _object_facts(x: "_Cell", univalued: bool, diagonal: bool) -> list[np.ndarray]:
    """Per cell of each component: its size rank (0 the largest, 1 the smallest, 2 in between; 3 on the
    background), whether it encloses background cells (1) or not, and its number of colours."""
    from arcsynth.dsl.primitives.objects import _extract
    a = x.a
    h, w = a.shape
    rank = np.full((h, w), 3, dtype=np.int64)
    holes = np.zeros((h, w), dtype=np.int64)
    ncol = np.zeros((h, w), dtype=np.int64)
    objs = x.objects(univalued, diagonal)
    sizes = [len(rs) for rs, _ in objs]
    for (rs, cs), n in zip(objs, sizes):
        rank[rs, cs] = 0 if n == max(sizes) else 1 if n == min(sizes) else 2
        ncol[rs, cs] = len(np.unique(a[rs, cs]))
        r0, r1, c0, c1 = rs.min(), rs.max() + 1, cs.min(), cs.max() + 1
        if r1 - r0 > 2 and c1 - c0 > 2:
            box = np.ones((r1 - r0 + 2, c1 - c0 + 2), dtype=np.int8)  # 1: free, 0: the object; a free frame around it
            box[rs - r0 + 1, cs - c0 + 1] = 0
            free = [o for o in _extract(box, True, False, False) if o.a[o.a >= 0][0] == 1]
            holes[rs, cs] = int(len(free) > 1)
    return [rank, holes, ncol]


def _shape_facts(x: "_Cell", univalued: bool, diagonal: bool) -> list[np.ndarray]:
    """Per cell of each component: a code of its shape (the same for the same mask), a code of its shape up to
    rotation and reflection, and the cell's place in its bounding box (top/bottom/left/right edge and
    middle row/column bits); 0 on the background."""
    h, w = x.a.shape
    shape = np.zeros((h, w), dtype=np.int64)
    shape_d4 = np.zeros((h, w), dtype=np.int64)
    place = np.zeros((h, w), dtype=np.int64)
    for rs, cs in x.objects(univalued, diagonal):
        r0, r1, c0, c1 = rs.min(), rs.max(), cs.min(), cs.max()
        m = np.zeros((r1 - r0 + 1, c1 - c0 + 1), dtype=bool)
        m[rs - r0, cs - c0] = True
        forms = [np.rot90(f, k) for f in (m, m.T) for k in range(4)]
        shape[rs, cs] = hash((m.shape, m.tobytes())) & 0xFFFFFFFF
        shape_d4[rs, cs] = min(hash((f.shape, f.tobytes())) & 0xFFFFFFFF for f in forms)
        place[rs, cs] = ((rs == r0) * 1 + (rs == r1) * 2 + (cs == c0) * 4 + (cs == c1) * 8
                         + (rs - r0 == r1 - rs) * 16 + (cs - c0 == c1 - cs) * 32) + 64
    return [shape, shape_d4, place]


def _f_box(x: "_Cell") -> list[np.ndarray]:
    """Per cell: the colour of the smallest (8-connected, any colours) object whose bounding box holds the cell
    (its most common colour; OUTSIDE if none), and whether the cell is on that box's edge."""
    h, w = x.a.shape
    colour = np.full((h, w), OUTSIDE, dtype=np.int64)
    edge = np.zeros((h, w), dtype=np.int64)
    area = np.full((h, w), h * w + 1, dtype=np.int64)
    for rs, cs in x.objects(False, True):
        r0, r1, c0, c1 = rs.min(), rs.max() + 1, cs.min(), cs.max() + 1
        n = (r1 - r0) * (c1 - c0)
        sel = area[r0:r1, c0:c1] > n
        col = int(np.bincount(x.a[rs, cs].astype(np.int64), minlength=10).argmax())
        e = np.zeros((r1 - r0, c1 - c0), dtype=np.int64)
        e[[0, -1], :] = 1
        e[:, [0, -1]] = 1
        colour[r0:r1, c0:c1][sel] = col
        edge[r0:r1, c0:c1][sel] = e[sel]
        area[r0:r1, c0:c1][sel] = n
    return [colour, edge]


def _f_mirrors(x: "_Cell") -> list[np.ndarray]:
    """The colours of the cell's mirror images across the grid's vertical and horizontal middle lines and its
    centre, and across its diagonal when the grid is square (else OUTSIDE)."""
    a = x.a
    diag = a.T if a.shape[0] == a.shape[1] else np.full(a.shape, OUTSIDE, dtype=np.int64)
    return [a[:, ::-1], a[::-1, :], a[::-1, ::-1], diag]


@dataclass
class _Cell:
    """One input grid's per-cell feature arrays, computed on demand and cached."""

    a: np.ndarray
    bg: int
    source: Optional[np.ndarray] = None  # on an enlarged canvas: the input it was made from
    parts: Optional[list[np.ndarray]] = None  # on a stacked canvas: the input's equal parts (the first is `a`)
    blocks: Optional[list[np.ndarray]] = None  # on a shrunk canvas: the cells of each cell's block, one array each
    cache: dict = field(default_factory=dict)

    def objects(self, univalued: bool, diagonal: bool) -> list[tuple[np.ndarray, np.ndarray]]:
        """The grid's non-background components of this kind (see _objects), extracted once per kind."""
        key = ("objects", univalued, diagonal)
        if key not in self.cache:
            self.cache[key] = _objects(self.a, self.bg, univalued, diagonal)
        return self.cache[key]

    def get(self, name: str) -> list[np.ndarray]:
        if name not in self.cache:
            self.cache[name] = FEATURES[name](self)
        return self.cache[name]


def _f_neighbours(dirs: tuple[tuple[int, int], ...], open_border: bool = False) -> Callable[[_Cell], list[np.ndarray]]:
    """The neighbours at these offsets; beyond the border OUTSIDE, or the background when open_border."""
    def f(x: _Cell) -> list[np.ndarray]:
        return [_shifted(x.a, dr, dc, x.bg if open_border else OUTSIDE) for dr, dc in dirs]
    return f


def _f_n8count(x: _Cell) -> list[np.ndarray]:
    return [sum(((n != x.bg) & (n != OUTSIDE)).astype(np.int64) for n in x.get("n8"))]


def _f_rays(dirs: tuple[tuple[int, int], ...]) -> Callable[[_Cell], list[np.ndarray]]:
    def f(x: _Cell) -> list[np.ndarray]:
        return [_ray(x.a, x.bg, dr, dc) for dr, dc in dirs]
    return f


def _f_component(x: _Cell) -> list[np.ndarray]:
    return list(_components(x.a))


def _f_grid_colours(x: _Cell) -> list[np.ndarray]:
    return [np.full(x.a.shape, len(np.unique(x.a)), dtype=np.int64)]


def _f_line_colours(x: _Cell) -> list[np.ndarray]:
    h, w = x.a.shape
    rows = _bits([x.a[:, j:j + 1].repeat(w, axis=1) for j in range(w)])
    cols = _bits([x.a[i:i + 1, :].repeat(h, axis=0) for i in range(h)])
    return [rows, cols]


def _f_position(k: int, from_end: bool = False) -> Callable[[_Cell], list[np.ndarray]]:
    def f(x: _Cell) -> list[np.ndarray]:
        r, c = np.indices(x.a.shape)
        if from_end:
            r, c = x.a.shape[0] - 1 - r, x.a.shape[1] - 1 - c
        return [r % k, c % k]
    return f


def _f_scaled(x: _Cell) -> list[np.ndarray]:
    """On an enlarged canvas: the colour of the source input scaled up to the canvas, at each cell."""
    assert x.source is not None
    return [_upscale(x.source, x.a.shape[0] // x.source.shape[0], x.a.shape[1] // x.source.shape[1])]


def _f_block(x: _Cell) -> list[np.ndarray]:
    """On an enlarged canvas: the row and column of the input-sized block each cell is in."""
    assert x.source is not None
    r, c = np.indices(x.a.shape)
    return [r // x.source.shape[0], c // x.source.shape[1]]


def _f_parts(x: _Cell) -> list[np.ndarray]:
    """On a stacked canvas: the colour of the cell at the same place in each part of the input."""
    assert x.parts is not None
    return x.parts


def _f_block_content(x: _Cell) -> list[np.ndarray]:
    """On a shrunk canvas: the set of colours in each cell's block, and its number of non-background cells."""
    assert x.blocks is not None
    return [_bits(x.blocks), sum((b != x.bg).astype(np.int64) for b in x.blocks)]


#: Most parts whose every painting order is tried (4! = 24 orders).
_MAX_ORDERED_PARTS = 4


def _f_overlays(x: _Cell) -> list[np.ndarray]:
    """On a stacked canvas: the parts painted over each other, background cells transparent, in every order
    (the first part of the order on top), 24 arrays (orders beyond the parts' count repeat the first)."""
    import itertools
    assert x.parts is not None
    parts = x.parts if len(x.parts) <= _MAX_ORDERED_PARTS else x.parts[:1]
    out = []
    for order in itertools.permutations(range(len(parts))):
        top = np.full(parts[0].shape, x.bg, dtype=np.int64)
        for i in reversed(order):
            top = np.where(parts[i] != x.bg, parts[i], top)
        out.append(top)
    return out + [out[0]] * (24 - len(out))


#: Feature families: name -> per-cell arrays of one input grid.
FEATURES: dict[str, Callable[[_Cell], list[np.ndarray]]] = {
    "n4": _f_neighbours(_DIRS4),
    "n8": _f_neighbours(_DIRS8),
    "n4_open": _f_neighbours(_DIRS4, open_border=True),
    "n8_open": _f_neighbours(_DIRS8, open_border=True),
    "diagonal_open": _f_neighbours(_DIRS_DIAG, open_border=True),
    "n8count": _f_n8count,
    "rays": _f_rays(_DIRS4),
    "diagonal_rays": _f_rays(_DIRS_DIAG),
    "component": _f_component,
    "line_colours": _f_line_colours,
    "parity2": _f_position(2),
    "parity3": _f_position(3),
    "parity2_end": _f_position(2, True),
    "parity3_end": _f_position(3, True),
    "grid_colours": _f_grid_colours,
    "between": lambda x: _between(x.a, x.bg, ((0, 1), (1, 0))),
    "between_diagonal": lambda x: _between(x.a, x.bg, ((1, 1), (1, -1))),
    "component_facts": lambda x: _object_facts(x, True, False),
    "object_facts": lambda x: _object_facts(x, False, True),
    "box": _f_box,
    "mirrors": _f_mirrors,
    "component_shape": lambda x: _shape_facts(x, True, False),
    "object_shape": lambda x: _shape_facts(x, False, True),
    "scaled": _f_scaled,
    "block": _f_block,
    "parts": _f_parts,
    "overlays": _f_overlays,
    "block_content": _f_block_content,
}
#: Features that exist only on one kind of canvas (the rest read any canvas): an enlarged input (they read the
#: input the canvas was made from), stacked parts, or a grid of blocks.
CANVAS_OF_FEATURE = {"scaled": "enlarged", "block": "enlarged", "parts": "parts", "overlays": "parts",
                     "block_content": "blocks"}


Use = tuple[str, object]  # (FEATURES name, "all" | "set" | index of one of its arrays)


@dataclass(frozen=True)
class Key:
    """A feature key: the cell's own colour (unless own_colour is False) plus the features it uses, each whole,
    as one colour set (order and count ignored), or one of its arrays."""

    name: str
    uses: tuple[Use, ...] = ()
    own_colour: bool = True  # whether the key starts with the cell's own colour

    @property
    def canvas(self) -> str:
        """The kind of canvas whose own features the key reads ("enlarged", "parts", "blocks"), or "any"."""
        return next((CANVAS_OF_FEATURE[f] for f, _ in self.uses if f in CANVAS_OF_FEATURE), "any")

    def keys(self, x: _Cell) -> list[tuple]:
        """One hashable key per cell, row-major."""
        cols = [x.a] if self.own_colour else []
        for feature, how in self.uses:
            parts = x.get(feature)
            cols += parts if how == "all" else [_bits(parts)] if how == "set" else [parts[how]]  # type: ignore[index]
        return list(zip(*(c.ravel().tolist() for c in cols)))


_K = {k.name: k for k in (
    Key("colour"),
    Key("colour+neighbour set", (("n4", "set"),)),
    Key("colour+4 neighbours", (("n4", "all"),)),
    Key("colour+neighbour count", (("n8count", "all"),)),
    Key("colour+orthogonal and diagonal sets", (("n4_open", "set"), ("diagonal_open", "set"))),
    Key("colour+4 neighbours (open border)", (("n4_open", "all"),)),
    Key("colour+8 neighbours (open border)", (("n8_open", "all"),)),
    Key("colour+8-neighbour set", (("n8", "set"),)),
    Key("colour+ray set", (("rays", "set"),)),
    Key("colour+rays", (("rays", "all"),)),
    Key("colour+8 neighbours", (("n8", "all"),)),
    Key("colour+row and column colours", (("line_colours", "all"),)),
    Key("colour+touches border", (("component", 1),)),
    Key("colour+component size", (("component", 0),)),
    Key("colour+component", (("component", "all"),)),
    Key("colour+colours in grid", (("grid_colours", "all"),)),
    Key("colour+position mod 2", (("parity2", "all"),)),
    Key("colour+position mod 3", (("parity3", "all"),)),
    Key("colour+position mod 2 from the end", (("parity2_end", "all"),)),
    Key("colour+position mod 3 from the end", (("parity3_end", "all"),)),
    Key("colour+diagonal ray set", (("diagonal_rays", "set"),)),
    Key("colour+diagonal rays", (("diagonal_rays", "all"),)),
    Key("colour+between in row and column", (("between", "all"),)),
    Key("colour+between on diagonals", (("between_diagonal", "all"),)),
    Key("colour+between, any line", (("between", "set"), ("between_diagonal", "set"))),
    Key("colour+component size rank", (("component_facts", 0),)),
    Key("colour+component has holes", (("component_facts", 1),)),
    Key("colour+object size rank", (("object_facts", 0),)),
    Key("colour+object has holes", (("object_facts", 1),)),
    Key("colour+object colour count", (("object_facts", 2),)),
    Key("colour+enclosing box colour", (("box", 0),)),
    Key("colour+enclosing box colour and edge", (("box", "all"),)),
    Key("colour+mirror images", (("mirrors", "all"),)),
    Key("colour+mirror image set", (("mirrors", "set"),)),
    Key("colour+component shape", (("component_shape", 0),)),
    Key("colour+component shape up to rotation", (("component_shape", 1),)),
    Key("colour+place in component", (("component_shape", 2),)),
    Key("colour+object shape", (("object_shape", 0),)),
    Key("colour+object shape up to rotation", (("object_shape", 1),)),
    Key("colour+place in object", (("object_shape", 2),)),
    Key("colour+scaled input colour", (("scaled", "all"),)),
    Key("colour+block", (("block", "all"),)),
    Key("colour+scaled input colour and block", (("scaled", "all"), ("block", "all"))),
    Key("colours of the parts", (("parts", "all"),)),
    Key("colour set of the parts", (("parts", "set"),)),
    # k: the k-th of itertools.permutations(range(number of parts)), the first part in it on top
    *(Key(f"parts overlaid in order {k}", (("overlays", k),), own_colour=False) for k in range(24)),
    Key("colour+block colours", (("block_content", 0),)),
    Key("colour+block count", (("block_content", 1),)),
)}

_SINGLE = [k for k in _K if k != "colour" and _K[k].canvas == "any"]
#: Decision lists tried in order: each key alone, each key backed off to the colour alone, then longer lists.
RULES: tuple[tuple[str, ...], ...] = tuple(
    [(k,) for k in _SINGLE] + [(k, "colour") for k in _SINGLE]
    + [("colour+8 neighbours", "colour+4 neighbours", "colour+neighbour set", "colour"),
       ("colour+rays", "colour+ray set", "colour"),
       ("colour+8 neighbours", "colour+8-neighbour set", "colour+neighbour count", "colour")])
#: On an enlarged canvas, the canvas keys come first, then the ordinary ones.
CANVAS_RULES: tuple[tuple[str, ...], ...] = (
    tuple((k,) for k in _K if _K[k].canvas == "enlarged") + (("colour",),) + RULES)
#: On a stacked canvas (the input cut into equal parts, each the output's size), only the parts' colours.
STACK_RULES: tuple[tuple[str, ...], ...] = tuple((k,) for k in _K if _K[k].canvas == "parts")
#: On a shrunk canvas (each output cell reads one block of input cells; its colour there is the block's most
#: common colour), the block's content.
SHRINK_RULES: tuple[tuple[str, ...], ...] = (("colour",),) + tuple((k,) for k in _K if _K[k].canvas == "blocks")


def _blocks_layout(ins: Sequence[np.ndarray], outs: Sequence[np.ndarray]) -> Optional[tuple[int, int, int]]:
    """The (block rows, block columns, separator width) such that every input is its output's grid of blocks of
    that size with lines of that width between them (blocks of at least 2 cells), if one holds for every pair."""
    for sep in (0, 1):
        sizes = set()
        for i, o in zip(ins, outs):
            (h, w), (oh, ow) = i.shape, o.shape
            bh, bw = h - (oh - 1) * sep, w - (ow - 1) * sep
            if bh <= 0 or bw <= 0 or bh % oh or bw % ow or (bh // oh) * (bw // ow) < 2:
                break
            sizes.add((bh // oh, bw // ow))
        else:
            if len(sizes) == 1:
                bh, bw = sizes.pop()
                return bh, bw, sep
    return None


def _shrink(a: np.ndarray, bh: int, bw: int, sep: int) -> Optional[tuple[np.ndarray, list[np.ndarray]]]:
    """The grid of blocks of an input: per block its most common colour (ties to the smaller colour) and, per
    position inside a block, the array of that position's colour over the blocks (None if it does not fit)."""
    h, w = a.shape
    if (h + sep) % (bh + sep) or (w + sep) % (bw + sep):
        return None
    oh, ow = (h + sep) // (bh + sep), (w + sep) // (bw + sep)
    grid = np.stack([a[i * (bh + sep):i * (bh + sep) + bh, j * (bw + sep):j * (bw + sep) + bw]
                     for i in range(oh) for j in range(ow)]).reshape(oh, ow, bh * bw)
    counts = np.stack([(grid == c).sum(axis=2) for c in range(10)], axis=2)
    return counts.argmax(axis=2).astype(np.int64), [grid[:, :, k] for k in range(bh * bw)]


def _layout(ins: Sequence[np.ndarray], outs: Sequence[np.ndarray]) -> list[tuple[int, int, int]]:
    """The ways (rows of parts, columns of parts, separator width) to cut every input into equal parts of its
    output's size, with lines of the given width between the parts, that hold for every pair."""
    found: list[tuple[int, int, int]] = []
    for nr in range(1, 5):
        for nc in range(1, 5):
            for sep in (0, 1):
                if (nr, nc) != (1, 1) and all(
                        i.shape == (nr * o.shape[0] + (nr - 1) * sep, nc * o.shape[1] + (nc - 1) * sep)
                        for i, o in zip(ins, outs)):
                    found.append((nr, nc, sep))
    return found


def _cut(a: np.ndarray, nr: int, nc: int, sep: int) -> Optional[list[np.ndarray]]:
    """The nr×nc equal parts of a grid with separator lines of width sep between them (None if it does not fit)."""
    h, w = a.shape[0] - (nr - 1) * sep, a.shape[1] - (nc - 1) * sep
    if h <= 0 or w <= 0 or h % nr or w % nc:
        return None
    ph, pw = h // nr, w // nc
    return [a[i * (ph + sep):i * (ph + sep) + ph, j * (pw + sep):j * (pw + sep) + pw]
            for i in range(nr) for j in range(nc)]


def _tile(a: np.ndarray, kh: int, kw: int) -> np.ndarray:
    return np.tile(a, (kh, kw))


def _mirror_tile(a: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """Tiles in which every other block is flipped, so that neighbouring blocks mirror each other."""
    row = np.concatenate([a if j % 2 == 0 else a[:, ::-1] for j in range(kw)], axis=1)
    return np.concatenate([row if i % 2 == 0 else row[::-1, :] for i in range(kh)], axis=0)


def _upscale(a: np.ndarray, kh: int, kw: int) -> np.ndarray:
    return np.kron(a, np.ones((kh, kw), dtype=a.dtype))


#: Ways to lay an input out on a canvas k times its size: each output cell then reads the canvas cell under it.
CANVASES: dict[str, Callable[[np.ndarray, int, int], np.ndarray]] = {
    "tiled": _tile, "mirror-tiled": _mirror_tile, "scaled up": _upscale}


def _ratio(ins: Sequence[np.ndarray], outs: Sequence[np.ndarray]) -> Optional[tuple[int, int]]:
    """The integer (rows, columns) factor by which every output is larger than its input, if one factor holds."""
    ratios = set()
    for i, o in zip(ins, outs):
        if o.shape[0] % i.shape[0] or o.shape[1] % i.shape[1]:
            return None
        ratios.add((o.shape[0] // i.shape[0], o.shape[1] // i.shape[1]))
    return ratios.pop() if len(ratios) == 1 else None

_AMBIGUOUS = -1


@dataclass
class Rule:
    """A learned decision list: its key names and one table per key (key -> colour, or _AMBIGUOUS)."""

    names: tuple[str, ...]
    tables: list[dict]

    @property
    def description(self) -> str:
        entries = sum(sum(1 for v in t.values() if v != _AMBIGUOUS) for t in self.tables)
        return f"cellrule: {' > '.join(self.names)} ({entries} table entries)"

    def apply(self, x: _Cell) -> Optional[np.ndarray]:
        """The output for one input, or None when some cell's key was never seen unambiguously."""
        keyed = [_K[n].keys(x) for n in self.names]
        out = np.empty(x.a.size, dtype=np.int64)
        for i in range(x.a.size):
            for table, keys in zip(self.tables, keyed):
                v = table.get(keys[i], _AMBIGUOUS)
                if v != _AMBIGUOUS:
                    out[i] = v
                    break
            else:
                return None
        return out.reshape(x.a.shape)


def learn(names: tuple[str, ...], pairs: Sequence[tuple[_Cell, np.ndarray]]) -> Rule:
    """The decision list of these keys fitted to the pairs (a key seen with two output colours is ambiguous)."""
    tables: list[dict] = []
    for n in names:
        table: dict = {}
        for x, out in pairs:
            for k, v in zip(_K[n].keys(x), out.ravel().tolist()):
                old = table.setdefault(k, v)
                if old != v:
                    table[k] = _AMBIGUOUS
        tables.append(table)
    return Rule(names, tables)


def _reproduces(rule: Rule, pairs: Sequence[tuple[_Cell, np.ndarray]]) -> bool:
    for x, out in pairs:
        got = rule.apply(x)
        if got is None or not np.array_equal(got, out):
            return False
    return True


@dataclass
class CellRuleStats:
    rules_tried: int = 0
    accepted: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"rules_tried": self.rules_tried, "accepted": self.accepted, "seconds": round(self.seconds, 4)}


def background(inputs: Sequence[np.ndarray]) -> int:
    """The most common colour over the inputs."""
    return int(np.bincount(np.concatenate([a.ravel() for a in inputs]).astype(np.int64), minlength=10).argmax())


def induce(train: Sequence[tuple[Grid, Grid]], tests: Sequence[Grid], deadline: float, k: int = 2
           ) -> tuple[list[tuple[str, tuple[Grid, ...]]], CellRuleStats]:
    """Up to k rules with distinct test predictions that pass leave-one-out on the train pairs, simplest first:
    [(description, predictions per test input)], and stats.

    When every output has its input's shape, the rules read the input; when every output is the same integer
    factor larger, they read a canvas of the output's size made from the input (tiled, mirror-tiled or scaled up),
    with two more features there: the scaled-up input's colour and the block of the cell; when every input cuts
    into equal parts of its output's size (up to 4×4 parts, with or without one-cell separator lines), they read
    the colours at the cell's place in every part (as a tuple, as a set, or the parts overlaid in a painting
    order); when every input is its output's grid of equal blocks (with or without separator lines), they read
    each block's most common colour, colour set and count. Rules are tried on the
    task's colours, then in normalised colours (each pair renamed by its input's colour frequencies, as
    `in_normal_colours` does; the predictions renamed back), which carries a rule to colours the train pairs do
    not show. Nothing when the shapes follow neither pattern, when every output equals its input, or when there
    is a single train pair (nothing to hold out)."""
    from arcsynth.dsl.primitives.higher import normal_colour_map
    t0 = time.monotonic()
    stats = CellRuleStats()
    found: list[tuple[str, tuple[Grid, ...]]] = []
    ins = [i.a for i, _ in train]
    outs = [o.a for _, o in train]
    ratio = _ratio(ins, outs)
    if len(train) < 2 or all(i.shape == o.shape and np.array_equal(i, o) for i, o in zip(ins, outs)):
        stats.seconds = time.monotonic() - t0
        return found, stats
    kh, kw = ratio or (1, 1)
    # Each canvas: a description and a maker of the _Cell an input is read through (from it and the background).
    canvases: list[tuple[str, Callable[[np.ndarray, int], Optional[_Cell]], tuple]] = []
    if ratio == (1, 1):
        canvases.append(("", lambda a, bg: _Cell(a, bg), RULES))
    elif ratio is not None and all(g.a.shape[0] * kh <= 30 and g.a.shape[1] * kw <= 30 for g in tests):
        canvases += [(f"on the {name} canvas, ", lambda a, bg, make=make: _Cell(make(a, kh, kw), bg, source=a),
                      CANVAS_RULES) for name, make in CANVASES.items()]
    # Single-cell outputs get no parts or blocks: one cell per pair tells nothing about a rule.
    cut_up = all(o.size >= 2 for o in outs)
    for nr, nc, sep in (_layout(ins, outs)[:2] if cut_up else []):
        def stacked(a: np.ndarray, bg: int, nr: int = nr, nc: int = nc, sep: int = sep) -> Optional[_Cell]:
            parts = _cut(a, nr, nc, sep)
            return None if parts is None else _Cell(parts[0], bg, parts=parts)
        canvases.append((f"on {nr}×{nc} parts, ", stacked, STACK_RULES))
    blocks = _blocks_layout(ins, outs) if ratio is None and cut_up else None
    if blocks is not None:
        def shrunk(a: np.ndarray, bg: int, layout: tuple[int, int, int] = blocks) -> Optional[_Cell]:
            made = _shrink(a, *layout)
            return None if made is None else _Cell(made[0], bg, blocks=made[1])
        canvases.append((f"on {blocks[0]}×{blocks[1]} blocks, ", shrunk, SHRINK_RULES))
    seen: set[tuple] = set()
    identity = np.arange(10)
    for where, cell, rules in canvases:
        for normalised in (False, True):
            perms = [normal_colour_map(a).astype(np.int64) if normalised else identity for a in ins]
            test_perms = [normal_colour_map(g.a).astype(np.int64) if normalised else identity for g in tests]
            if normalised and all(np.array_equal(p, identity) for p in perms + test_perms):
                break  # already in normal colours: the same tables again
            cins = [p[a] for p, a in zip(perms, ins)]
            bg = background(cins)
            pairs = [(cell(i, bg), p[o]) for p, i, o in zip(perms, cins, outs)]
            test_cells = [cell(p[g.a], bg) for p, g in zip(test_perms, tests)]
            if any(x is None for x in test_cells):
                break  # a test input does not cut into this layout's parts
            for names in rules:
                if time.monotonic() > deadline or len(found) >= k:
                    break
                stats.rules_tried += 1
                if not all(_reproduces(learn(names, pairs[:j] + pairs[j + 1:]), [pairs[j]])
                           for j in range(len(pairs))):
                    continue
                rule = learn(names, pairs)
                if not _reproduces(rule, pairs):
                    continue
                preds = [rule.apply(x) for x in test_cells]
                if any(p is None for p in preds):
                    continue
                grids = tuple(Grid(np.argsort(tp)[p].astype(np.int8)) for tp, p in zip(test_perms, preds))  # type: ignore[index]
                key = tuple(hash(g) for g in grids)
                if key in seen:
                    continue
                seen.add(key)
                desc = rule.description.replace(
                    "cellrule: ", "cellrule: " + where + ("in normal colours, " if normalised else ""))
                found.append((desc, grids))
                stats.accepted.append(desc)
    stats.seconds = time.monotonic() - t0
    return found, stats


__all__ = ["induce", "learn", "Rule", "Key", "RULES", "CANVAS_RULES", "CANVASES", "FEATURES", "CellRuleStats"]
