"""Task and program embeddings: fixed-length, L2-normalised float32 vectors.

A task is embedded from its train pairs only, in blocks: size relations, palettes and colour changes,
object statistics, symmetry and periodicity, and which cheap Grid -> Grid primitives fit the pairs
(exactly, in shape, and by cell accuracy). Each block is normalised and weighted, then the whole vector is
normalised, so the inner product of two embeddings is their cosine similarity.

A program is embedded as a hashed bag of the primitives it calls (log counts), its head primitive, and its
shape (size, depth, literals); clusters use task and program embeddings joined.

Every change to the features must bump EMBED_VERSION: stored vectors of another version are refused.
"""
from __future__ import annotations

import functools
import math
import zlib
from typing import Optional, Sequence

import numpy as np

from arcsynth.dsl.grid import Grid
from arcsynth.dsl.program import Call, Hole, Lit, Node, depth, size, walk
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.types import BOOL, COLOUR, INT, POINT

EMBED_VERSION = "task-v1"

#: Cheap Grid -> Grid primitives whose fit to the pairs is a feature (names missing from the registry score 0).
FIT_PRIMITIVES: tuple[str, ...] = (
    "rot90", "rot180", "rot270", "hmirror", "vmirror", "dmirror", "cmirror", "trim", "crop_content",
    "tophalf", "bottomhalf", "lefthalf", "righthalf", "mirror_tile", "dedup_rows", "dedup_cols",
    "remove_empty_lines", "remove_separators", "cell_summary", "compress", "symmetrize_h", "symmetrize_v",
    "symmetrize_d", "symmetrize_rot", "symmetrize_all", "symmetric_hconcat", "symmetric_vconcat", "rot_tile",
    "minimal_tile", "sort_colours_by_count", "read_colours", "row_modes",
)

#: Relative weight of each block in the task embedding.
BLOCK_WEIGHTS: dict[str, float] = {"size": 1.0, "colour": 1.0, "objects": 0.8, "symmetry": 0.7, "fit": 1.0}

PROGRAM_BUCKETS = 64
HEAD_BUCKETS = 16

Pairs = Sequence[tuple[Grid, Grid]]


def _bg(a: np.ndarray) -> int:
    """The most frequent colour of an array."""
    return int(np.bincount(a.ravel(), minlength=10).argmax())


def _mean(xs: Sequence[float]) -> float:
    """Mean of a list (0 when empty)."""
    return float(sum(xs) / len(xs)) if xs else 0.0


def _frac(flags: Sequence[bool]) -> float:
    """Share of true flags (0 when empty)."""
    return _mean([1.0 if f else 0.0 for f in flags])


# ------------------------------------------------------------------------------------------ blocks
def _size_block(pairs: Pairs) -> list[float]:
    """Size relations between inputs and outputs."""
    f: list[list[bool]] = [[] for _ in range(17)]
    logs: list[float] = []
    for i, o in pairs:
        (hi, wi), (ho, wo) = i.shape, o.shape
        flags = [
            (hi, wi) == (ho, wo), ho * wo < hi * wi, ho * wo > hi * wi, hi == ho, wi == wo,
            (hi, wi) == (wo, ho) and hi != wi,
            any((ho, wo) == (hi * k, wi * k) for k in (2, 3, 4, 5)),
            any((ho * k, wo * k) == (hi, wi) for k in (2, 3, 4, 5)),
            (ho == hi and wo in (2 * wi, wi // 2 if wi % 2 == 0 else -1)) or (wo == wi and ho in (2 * hi, hi // 2 if hi % 2 == 0 else -1)),
            ho * wo == 1, ho <= 3 and wo <= 3, ho == wo, hi == wi, ho * wo <= hi * wi // 4,
            (ho, wo) == pairs[0][1].shape, hi * wi >= 200, ho * wo >= 200,
        ]
        for k, fl in enumerate(flags):
            f[k].append(bool(fl))
        logs.append(math.log((ho * wo) / (hi * wi)))
    out = [_frac(x) for x in f]
    m = _mean(logs)
    out += [max(0.0, m) / 3, max(0.0, -m) / 3, float(np.std(logs)) if len(logs) > 1 else 0.0]
    return out


def _colour_block(pairs: Pairs) -> list[float]:
    """Palettes, background and colour changes."""
    nci, nco, subset, new, lost, bg_same, bg0 = [], [], [], [], [], [], []
    changed, one_col, only_bg, only_fg, cmap_ok, in_present, out_present = [], [], [], [], [], np.zeros(10), np.zeros(10)
    grows, shrinks = [], []
    for i, o in pairs:
        ci, co = set(np.unique(i.a).tolist()), set(np.unique(o.a).tolist())
        nci.append(len(ci) / 10)
        nco.append(len(co) / 10)
        subset.append(co <= ci)
        new.append(bool(co - ci))
        lost.append(bool(ci - co))
        bi, bo = _bg(i.a), _bg(o.a)
        bg_same.append(bi == bo)
        bg0.append(bo == 0)
        for c in ci:
            in_present[c] += 1
        for c in co:
            out_present[c] += 1
        if i.shape == o.shape:
            d = i.a != o.a
            changed.append(float(d.mean()))
            one_col.append(len(np.unique(o.a[d])) <= 1)
            only_bg.append(bool(d.any()) and bool((i.a[d] == bi).all()))
            only_fg.append(bool(d.any()) and bool((i.a[d] != bi).all()))
            codes = np.unique(i.a.astype(np.int16) * 10 + o.a)
            cmap_ok.append(len(np.unique(codes // 10)) == len(codes) and bool(d.any()))
            nfg_i, nfg_o = int((i.a != bi).sum()), int((o.a != bo).sum())
            grows.append(nfg_o > nfg_i)
            shrinks.append(nfg_o < nfg_i)
    n = len(pairs)
    out = [_mean(nci), _mean(nco), _frac(subset), _frac(new), _frac(lost), _frac(bg_same), _frac(bg0),
           math.sqrt(_mean(changed)), _frac(one_col), _frac(only_bg), _frac(only_fg), _frac(cmap_ok),
           _frac(grows), _frac(shrinks)]
    # colour presence carries little meaning across tasks: a light touch
    out += list(0.25 * out_present / n)
    return out


def _components(a: np.ndarray, bg: int) -> list[int]:
    """Sizes of the 4-connected same-colour components of non-background cells."""
    from scipy.ndimage import label  # heavy: only the embedding's component statistics need it
    sizes: list[int] = []
    for c in np.unique(a):
        if c == bg:
            continue
        lab, n = label(a == c)
        if n:
            sizes.extend(np.bincount(lab.ravel())[1:].tolist())
    return sizes


def _contains(big: np.ndarray, small: np.ndarray) -> bool:
    """Whether `small` occurs as a sub-grid of `big`."""
    H, W = big.shape
    h, w = small.shape
    if h > H or w > W or (h, w) == (H, W):
        return False
    if (H - h + 1) * (W - w + 1) * h * w > 200_000:
        return False
    win = np.lib.stride_tricks.sliding_window_view(big, (h, w))
    return bool((win == small).all(axis=(2, 3)).any())


def _objects_block(pairs: Pairs) -> list[float]:
    """Object counts and sizes, and whether the output is a crop of the input."""
    ni, no, same_n, more, fewer, single_i, single_o, big_i, crop, fg_i = [], [], [], [], [], [], [], [], [], []
    for i, o in pairs:
        si, so = _components(i.a, _bg(i.a)), _components(o.a, _bg(o.a))
        ni.append(math.log1p(len(si)) / 4)
        no.append(math.log1p(len(so)) / 4)
        same_n.append(len(si) == len(so))
        more.append(len(so) > len(si))
        fewer.append(len(so) < len(si))
        single_i.append(len(si) == 1)
        single_o.append(len(so) == 1)
        big_i.append(max(si, default=0) / i.a.size)
        crop.append(_contains(i.a, o.a))
        fg_i.append(float((i.a != _bg(i.a)).mean()))
    return [_mean(ni), _mean(no), _frac(same_n), _frac(more), _frac(fewer), _frac(single_i), _frac(single_o),
            _mean(big_i), _frac(crop), _mean(fg_i)]


def _sym(a: np.ndarray) -> list[bool]:
    """Horizontal, vertical, diagonal and 180-degree symmetry of an array."""
    sq = a.shape[0] == a.shape[1]
    return [bool((a == a[::-1]).all()), bool((a == a[:, ::-1]).all()), sq and bool((a == a.T).all()),
            bool((a == a[::-1, ::-1]).all())]


def _period(a: np.ndarray, axis: int) -> bool:
    """Whether the grid repeats with a period shorter than its side along an axis."""
    n = a.shape[axis]
    for p in range(1, n // 2 + 1):
        if axis == 0 and (a[p:] == a[:-p]).all():
            return True
        if axis == 1 and (a[:, p:] == a[:, :-p]).all():
            return True
    return False


def _separators(a: np.ndarray) -> bool:
    """Whether some full row or column is one non-background colour (a grid line)."""
    bg = _bg(a)
    rows = [(r == r[0]).all() and r[0] != bg for r in a]
    cols = [(c == c[0]).all() and c[0] != bg for c in a.T]
    return (any(rows) and len(rows) > 2) or (any(cols) and len(cols) > 2)


def _symmetry_block(pairs: Pairs) -> list[float]:
    """Symmetry, periodicity and grid lines of inputs and outputs."""
    acc: list[list[bool]] = [[] for _ in range(16)]
    for i, o in pairs:
        flags = _sym(i.a) + _sym(o.a) + [_period(i.a, 0), _period(i.a, 1), _period(o.a, 0), _period(o.a, 1),
                                         _separators(i.a), _separators(o.a),
                                         i.shape == o.shape and bool((o.a == o.a[::-1]).all() and not (i.a == i.a[::-1]).all()),
                                         i.shape == o.shape and bool((o.a == o.a[:, ::-1]).all() and not (i.a == i.a[:, ::-1]).all())]
        for k, fl in enumerate(flags):
            acc[k].append(fl)
    return [_frac(x) for x in acc]


def _fit_block(pairs: Pairs) -> list[float]:
    """How well each cheap Grid -> Grid primitive maps the inputs to the outputs."""
    out: list[float] = []
    for name in FIT_PRIMITIVES:
        p = REGISTRY.get(name)
        exact = shape = acc = 0.0
        if p is not None:
            for i, o in pairs:
                try:
                    g = p.fn(i)
                except Exception:  # a primitive that does not apply to this input
                    continue
                if not isinstance(g, Grid) or g.shape != o.shape:
                    continue
                shape += 1
                a = float((g.a == o.a).mean())
                acc += a
                exact += a == 1.0
            n = len(pairs)
            exact, shape, acc = exact / n, shape / n, acc / n
        out += [exact, 0.5 * shape, acc * acc]
    return out


BLOCKS = {"size": _size_block, "colour": _colour_block, "objects": _objects_block, "symmetry": _symmetry_block,
          "fit": _fit_block}


def _unit(v: np.ndarray) -> np.ndarray:
    """The vector scaled to unit length (zero stays zero)."""
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def block_dims() -> dict[str, int]:
    """Length of each block (computed on a tiny pair, so it always matches the code)."""
    g = Grid(np.zeros((2, 2), dtype=np.int8))
    return {k: len(f([(g, g)])) for k, f in BLOCKS.items()}


def embed_task(pairs: Pairs) -> np.ndarray:
    """The task embedding of train pairs [(input, output), ...]: float32, unit length, deterministic."""
    if not pairs:
        raise ValueError("a task embedding needs at least one train pair")
    parts = []
    for name, fn in BLOCKS.items():
        v = np.asarray(fn(pairs), dtype=np.float64)
        parts.append(BLOCK_WEIGHTS[name] * _unit(v))
    out = _unit(np.concatenate(parts))
    if not out.any():  # cannot happen for real grids (the size block always has a true flag); guard anyway
        out[0] = 1.0
    return out.astype(np.float32)


@functools.lru_cache(maxsize=1)
def task_dim() -> int:
    """Length of the task embedding."""
    return sum(block_dims().values())


# ----------------------------------------------------------------------------------------- programs
def _bucket(name: str, n: int) -> int:
    """A stable hash bucket of a name."""
    return zlib.crc32(name.encode()) % n


def embed_program(node: Node) -> np.ndarray:
    """Program embedding: hashed log-counts of primitives, head primitive, and shape; float32, unit length."""
    bag = np.zeros(PROGRAM_BUCKETS)
    head = np.zeros(HEAD_BUCKETS)
    lits = {COLOUR: 0, INT: 0, BOOL: 0, POINT: 0}
    holes = 0
    for n in walk(node):
        if isinstance(n, Call):
            bag[_bucket(n.prim, PROGRAM_BUCKETS)] += 1
        elif isinstance(n, Lit):
            lits[n.type] = lits.get(n.type, 0) + 1
        elif isinstance(n, Hole):
            holes += 1
    if isinstance(node, Call):
        head[_bucket(node.prim, HEAD_BUCKETS)] = 1.0
    shape = np.array([math.log1p(size(node)) / 3, depth(node) / 8, math.log1p(holes) / 2]
                     + [math.log1p(v) / 2 for v in lits.values()])
    v = np.concatenate([_unit(np.log1p(bag)), 0.7 * head, 0.5 * _unit(shape)])
    return _unit(v).astype(np.float32)


def program_dim() -> int:
    """Length of the program embedding."""
    return PROGRAM_BUCKETS + HEAD_BUCKETS + 7


def joint(task_vec: np.ndarray, program_vec: Optional[np.ndarray], program_weight: float = 0.6) -> np.ndarray:
    """Task and program embeddings joined (for clustering solutions); unit length."""
    pv = program_vec if program_vec is not None else np.zeros(program_dim(), dtype=np.float32)
    return _unit(np.concatenate([task_vec, program_weight * pv])).astype(np.float32)


def shape_of(node: Node, keep_depth: int = 2) -> str:
    """A program's shape: its top `keep_depth` levels with literals as `#` and deeper calls as `…`."""
    def go(n: Node, d: int) -> str:
        """The shape of a sub-tree at a depth."""
        if isinstance(n, Lit):
            return "#"
        if not isinstance(n, Call):
            return str(n)
        if d >= keep_depth:
            return "…"
        return f"{n.prim}({', '.join(go(a, d + 1) for a in n.args)})"
    return go(node, 0)
