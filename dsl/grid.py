"""Immutable, hashable value types of the DSL: Grid, Obj (coloured cells at a position) and Indices (a set of positions).

All three are numpy-backed; their arrays are read-only so values can be shared and used as dict keys.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from .errors import DSLError, DSLLimitError

#: Largest side of any grid built inside a program.
MAX_INNER_SIDE = 60
#: Largest side of an ARC grid (task inputs/outputs and program results).
MAX_ARC_SIDE = 30
#: Value marking "no cell" in an object's colour array.
EMPTY = -1


def check_size(h: int, w: int, limit: int = MAX_INNER_SIDE) -> None:
    """Raise DSLLimitError unless 1 <= h, w <= limit; call before allocating a grid of that size."""
    if h < 1 or w < 1:
        raise DSLError(f"grid would be empty ({h}x{w})")
    if h > limit or w > limit:
        raise DSLLimitError(f"grid of {h}x{w} exceeds the {limit}x{limit} bound")


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


class Grid:
    """An immutable h×w grid of colours 0–9 (1 ≤ h, w ≤ 60)."""

    __slots__ = ("a", "_hash")

    def __init__(self, a: np.ndarray | Sequence[Sequence[int]]):
        arr = np.asarray(a)
        if arr.ndim != 2:
            raise DSLError(f"a grid must be 2-dimensional, got shape {arr.shape}")
        check_size(arr.shape[0], arr.shape[1])
        if not (arr.dtype == np.int8 and not arr.flags.writeable and arr.flags.c_contiguous):
            if arr.min() < 0 or arr.max() > 9:
                raise DSLError("grid colours must be in 0..9")
            arr = np.array(arr, dtype=np.int8, order="C")
            arr.setflags(write=False)
        object.__setattr__(self, "a", arr)
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Grid is immutable")

    @classmethod
    def from_list(cls, rows: object, limit: int = MAX_ARC_SIDE) -> "Grid":
        """Build a grid from nested lists, raising DSLError that names the problem (ragged, colour, size)."""
        if not isinstance(rows, (list, tuple)) or not rows:
            raise DSLError("a grid must be a non-empty list of rows")
        width = None
        for i, row in enumerate(rows):
            if not isinstance(row, (list, tuple)) or not row:
                raise DSLError(f"row {i} is not a non-empty list")
            if width is None:
                width = len(row)
            elif len(row) != width:
                raise DSLError(f"ragged grid: row {i} has {len(row)} cells, row 0 has {width}")
            for j, v in enumerate(row):
                if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 9:
                    raise DSLError(f"cell ({i},{j}) is {v!r}; colours must be integers 0..9")
        if len(rows) > limit or width > limit:  # type: ignore[operator]
            raise DSLError(f"grid of {len(rows)}x{width} exceeds the {limit}x{limit} ARC bound")
        return cls(np.array(rows, dtype=np.int8))

    @property
    def h(self) -> int:
        return self.a.shape[0]

    @property
    def w(self) -> int:
        return self.a.shape[1]

    @property
    def shape(self) -> tuple[int, int]:
        return self.a.shape  # type: ignore[return-value]

    def tolist(self) -> list[list[int]]:
        return self.a.tolist()

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = hash((self.a.shape, self.a.tobytes()))
            object.__setattr__(self, "_hash", h)
        return h

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Grid) and self.a.shape == other.a.shape and bool(np.array_equal(self.a, other.a))

    def __repr__(self) -> str:
        rows = "/".join("".join(str(v) for v in r) for r in self.a.tolist())
        return f"Grid({self.h}x{self.w}: {rows})"


class Obj:
    """Coloured cells at absolute positions: colour array cropped to the bounding box, -1 where no cell."""

    __slots__ = ("top", "left", "a", "_hash")

    def __init__(self, top: int, left: int, a: np.ndarray, *, normalise: bool = True):
        a = np.asarray(a, dtype=np.int8)
        if normalise and a.size:
            present = a != EMPTY
            rows = np.flatnonzero(present.any(axis=1))
            cols = np.flatnonzero(present.any(axis=0))
            if rows.size == 0:
                a = np.zeros((0, 0), dtype=np.int8)
                top = left = 0
            else:
                r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
                if (r0, c0, r1, c1) != (0, 0) + a.shape:
                    a = a[r0:r1, c0:c1]
                top, left = top + int(r0), left + int(c0)
        if a.size == 0:
            a = np.zeros((0, 0), dtype=np.int8)
            top = left = 0
        if a.shape[0] > MAX_INNER_SIDE * 3 or a.shape[1] > MAX_INNER_SIDE * 3:
            raise DSLLimitError(f"object of {a.shape[0]}x{a.shape[1]} exceeds the bound")
        if a.flags.writeable or not a.flags.c_contiguous:
            a = np.array(a, dtype=np.int8, order="C")
            a.setflags(write=False)
        object.__setattr__(self, "top", int(top))
        object.__setattr__(self, "left", int(left))
        object.__setattr__(self, "a", a)
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Obj is immutable")

    @classmethod
    def from_cells(cls, cells: Iterable[tuple[int, int, int]]) -> "Obj":
        """Build an object from (row, col, colour) triples."""
        cells = list(cells)
        if not cells:
            return cls(0, 0, np.zeros((0, 0), dtype=np.int8))
        rs = [c[0] for c in cells]
        cs = [c[1] for c in cells]
        r0, c0 = min(rs), min(cs)
        a = np.full((max(rs) - r0 + 1, max(cs) - c0 + 1), EMPTY, dtype=np.int8)
        for r, c, v in cells:
            a[r - r0, c - c0] = v
        return cls(r0, c0, a, normalise=False)

    @property
    def mask(self) -> np.ndarray:
        return self.a != EMPTY

    @property
    def h(self) -> int:
        return self.a.shape[0]

    @property
    def w(self) -> int:
        return self.a.shape[1]

    @property
    def size(self) -> int:
        return int((self.a != EMPTY).sum())

    def is_empty(self) -> bool:
        return self.a.size == 0

    def cells(self) -> list[tuple[int, int, int]]:
        rr, cc = np.nonzero(self.a != EMPTY)
        return [(int(r) + self.top, int(c) + self.left, int(self.a[r, c])) for r, c in zip(rr, cc)]

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = hash((self.top, self.left, self.a.shape, self.a.tobytes()))
            object.__setattr__(self, "_hash", h)
        return h

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Obj) and self.top == other.top and self.left == other.left
                and self.a.shape == other.a.shape and bool(np.array_equal(self.a, other.a)))

    def __repr__(self) -> str:
        return f"Obj(at=({self.top},{self.left}), {self.h}x{self.w}, {self.size} cells)"


class Indices:
    """A set of absolute positions: boolean mask cropped to the bounding box, plus its top-left."""

    __slots__ = ("top", "left", "m", "_hash")

    def __init__(self, top: int, left: int, m: np.ndarray, *, normalise: bool = True):
        m = np.asarray(m, dtype=bool)
        if normalise and m.size:
            rows = np.flatnonzero(m.any(axis=1))
            cols = np.flatnonzero(m.any(axis=0))
            if rows.size == 0:
                m = np.zeros((0, 0), dtype=bool)
                top = left = 0
            else:
                r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
                m = m[r0:r1, c0:c1]
                top, left = top + int(r0), left + int(c0)
        if m.size == 0:
            m = np.zeros((0, 0), dtype=bool)
            top = left = 0
        if m.shape[0] > MAX_INNER_SIDE * 3 or m.shape[1] > MAX_INNER_SIDE * 3:
            raise DSLLimitError(f"index set of {m.shape[0]}x{m.shape[1]} exceeds the bound")
        if m.flags.writeable or not m.flags.c_contiguous:
            m = np.array(m, dtype=bool, order="C")
            m.setflags(write=False)
        object.__setattr__(self, "top", int(top))
        object.__setattr__(self, "left", int(left))
        object.__setattr__(self, "m", m)
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Indices is immutable")

    @classmethod
    def from_points(cls, points: Iterable[tuple[int, int]]) -> "Indices":
        """Build an index set from (row, col) pairs."""
        pts = list(points)
        if not pts:
            return cls(0, 0, np.zeros((0, 0), dtype=bool))
        rs = [p[0] for p in pts]
        cs = [p[1] for p in pts]
        r0, c0 = min(rs), min(cs)
        m = np.zeros((max(rs) - r0 + 1, max(cs) - c0 + 1), dtype=bool)
        for r, c in pts:
            m[r - r0, c - c0] = True
        return cls(r0, c0, m, normalise=False)

    @property
    def h(self) -> int:
        return self.m.shape[0]

    @property
    def w(self) -> int:
        return self.m.shape[1]

    @property
    def size(self) -> int:
        return int(self.m.sum())

    def is_empty(self) -> bool:
        return self.m.size == 0

    def points(self) -> list[tuple[int, int]]:
        rr, cc = np.nonzero(self.m)
        return [(int(r) + self.top, int(c) + self.left) for r, c in zip(rr, cc)]

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = hash((self.top, self.left, self.m.shape, self.m.tobytes()))
            object.__setattr__(self, "_hash", h)
        return h

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Indices) and self.top == other.top and self.left == other.left
                and self.m.shape == other.m.shape and bool(np.array_equal(self.m, other.m)))

    def __repr__(self) -> str:
        return f"Indices(at=({self.top},{self.left}), {self.h}x{self.w}, {self.size} cells)"
