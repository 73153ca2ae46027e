"""What a cell rule reads: per-cell features of an input grid (neighbours, rays, components, objects, mirror images,
positions, and on canvases the source colour, parts and blocks), the keys built from them, and the decision lists
of keys tried in order."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

import numpy as np

from arcsynth.cellrules.layouts import upscale
from arcsynth.dsl.primitives.objects import extract_objects

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
    out = []
    for o in extract_objects(a.astype(np.int8), univalued, diagonal, False):
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


def _object_facts(x: CellView, univalued: bool, diagonal: bool) -> list[np.ndarray]:
    """Per cell of each component: its size rank (0 the largest, 1 the smallest, 2 in between; 3 on the
    background), whether it encloses background cells (1) or not, and its number of colours."""
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
            free = [o for o in extract_objects(box, True, False, False) if o.a[o.a >= 0][0] == 1]
            holes[rs, cs] = int(len(free) > 1)
    return [rank, holes, ncol]


def _shape_facts(x: CellView, univalued: bool, diagonal: bool) -> list[np.ndarray]:
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


def _f_box(x: CellView) -> list[np.ndarray]:
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


def _f_mirrors(x: CellView) -> list[np.ndarray]:
    """The colours of the cell's mirror images across the grid's vertical and horizontal middle lines and its
    centre, and across its diagonal when the grid is square (else OUTSIDE)."""
    a = x.a
    diag = a.T if a.shape[0] == a.shape[1] else np.full(a.shape, OUTSIDE, dtype=np.int64)
    return [a[:, ::-1], a[::-1, :], a[::-1, ::-1], diag]


@dataclass
class CellView:
    """One input grid (or canvas) as a rule reads it: its per-cell feature arrays, computed on demand and cached."""

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


def _f_neighbours(dirs: tuple[tuple[int, int], ...], open_border: bool = False) -> Callable[[CellView], list[np.ndarray]]:
    """The neighbours at these offsets; beyond the border OUTSIDE, or the background when open_border."""
    def f(x: CellView) -> list[np.ndarray]:
        return [_shifted(x.a, dr, dc, x.bg if open_border else OUTSIDE) for dr, dc in dirs]
    return f


def _f_n8count(x: CellView) -> list[np.ndarray]:
    return [sum(((n != x.bg) & (n != OUTSIDE)).astype(np.int64) for n in x.get("n8"))]


def _f_rays(dirs: tuple[tuple[int, int], ...]) -> Callable[[CellView], list[np.ndarray]]:
    def f(x: CellView) -> list[np.ndarray]:
        return [_ray(x.a, x.bg, dr, dc) for dr, dc in dirs]
    return f


def _f_component(x: CellView) -> list[np.ndarray]:
    return list(_components(x.a))


def _f_grid_colours(x: CellView) -> list[np.ndarray]:
    return [np.full(x.a.shape, len(np.unique(x.a)), dtype=np.int64)]


def _f_line_colours(x: CellView) -> list[np.ndarray]:
    h, w = x.a.shape
    rows = _bits([x.a[:, j:j + 1].repeat(w, axis=1) for j in range(w)])
    cols = _bits([x.a[i:i + 1, :].repeat(h, axis=0) for i in range(h)])
    return [rows, cols]


def _f_position(k: int, from_end: bool = False) -> Callable[[CellView], list[np.ndarray]]:
    def f(x: CellView) -> list[np.ndarray]:
        r, c = np.indices(x.a.shape)
        if from_end:
            r, c = x.a.shape[0] - 1 - r, x.a.shape[1] - 1 - c
        return [r % k, c % k]
    return f


def _f_scaled(x: CellView) -> list[np.ndarray]:
    """On an enlarged canvas: the colour of the source input scaled up to the canvas, at each cell."""
    assert x.source is not None
    return [upscale(x.source, x.a.shape[0] // x.source.shape[0], x.a.shape[1] // x.source.shape[1])]


def _f_block(x: CellView) -> list[np.ndarray]:
    """On an enlarged canvas: the row and column of the input-sized block each cell is in."""
    assert x.source is not None
    r, c = np.indices(x.a.shape)
    return [r // x.source.shape[0], c // x.source.shape[1]]


def _f_parts(x: CellView) -> list[np.ndarray]:
    """On a stacked canvas: the colour of the cell at the same place in each part of the input."""
    assert x.parts is not None
    return x.parts


def _f_block_content(x: CellView) -> list[np.ndarray]:
    """On a shrunk canvas: the set of colours in each cell's block, and its number of non-background cells."""
    assert x.blocks is not None
    return [_bits(x.blocks), sum((b != x.bg).astype(np.int64) for b in x.blocks)]


#: Most parts whose every painting order is tried (4! = 24 orders).
_MAX_ORDERED_PARTS = 4


def _f_overlays(x: CellView) -> list[np.ndarray]:
    """On a stacked canvas: the parts painted over each other, background cells transparent, in every order
    (the first part of the order on top), 24 arrays (orders beyond the parts' count repeat the first)."""
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
FEATURES: dict[str, Callable[[CellView], list[np.ndarray]]] = {
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

    def keys(self, x: CellView) -> list[tuple]:
        """One hashable key per cell, row-major."""
        cols = [x.a] if self.own_colour else []
        for feature, how in self.uses:
            parts = x.get(feature)
            cols += parts if how == "all" else [_bits(parts)] if how == "set" else [parts[how]]  # type: ignore[index]
        return list(zip(*(c.ravel().tolist() for c in cols)))


#: The keys by name.
KEYS = {k.name: k for k in (
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

_SINGLE = [k for k in KEYS if k != "colour" and KEYS[k].canvas == "any"]
#: Decision lists tried in order: each key alone, each key backed off to the colour alone, then longer lists.
RULES: tuple[tuple[str, ...], ...] = tuple(
    [(k,) for k in _SINGLE] + [(k, "colour") for k in _SINGLE]
    + [("colour+8 neighbours", "colour+4 neighbours", "colour+neighbour set", "colour"),
       ("colour+rays", "colour+ray set", "colour"),
       ("colour+8 neighbours", "colour+8-neighbour set", "colour+neighbour count", "colour")])
#: On an enlarged canvas, the canvas keys come first, then the ordinary ones.
CANVAS_RULES: tuple[tuple[str, ...], ...] = (
    tuple((k,) for k in KEYS if KEYS[k].canvas == "enlarged") + (("colour",),) + RULES)
#: On a stacked canvas (the input cut into equal parts, each the output's size), only the parts' colours.
STACK_RULES: tuple[tuple[str, ...], ...] = tuple((k,) for k in KEYS if KEYS[k].canvas == "parts")
#: On a shrunk canvas (each output cell reads one block of input cells; its colour there is the block's most
#: common colour), the block's content.
SHRINK_RULES: tuple[tuple[str, ...], ...] = (("colour",),) + tuple((k,) for k in KEYS if KEYS[k].canvas == "blocks")


__all__ = ["CellView", "FEATURES", "CANVAS_OF_FEATURE", "Key", "KEYS", "RULES", "CANVAS_RULES", "STACK_RULES",
           "SHRINK_RULES", "OUTSIDE"]
