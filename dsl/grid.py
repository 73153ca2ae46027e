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
            if arr.dtype == np.int8:
                # One pass: negative int8 values read as >= 128 when viewed unsigned.
                if (arr.view(np.uint8) > 9).any():
                    raise DSLError("grid colours must be in 0..9")
                if arr.flags.writeable and arr.flags.c_contiguous and arr.base is None:
                    arr.setflags(write=False)  # a fresh array the caller hands over: freeze it instead of copying
                else:
                    arr = np.array(arr, dtype=np.int8, order="C")
                    arr.setflags(write=False)
            else:
                if arr.size and (arr.min() < 0 or arr.max() > 9):
                    raise DSLError("grid colours must be in 0..9")
                arr = np.array(arr, dtype=np.int8, order="C")
                arr.setflags(write=False)
        object.__setattr__(self, "a", arr)
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Grid is immutable")

    def __reduce__(self) -> tuple:
        return (Grid, (np.array(self.a),))  # pickles through the constructor (the default would set slots)

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


def _crop_to_content(present: np.ndarray, top: int, left: int) -> tuple[slice, slice, int, int] | None:
    """Slices of the bounding box of `present` and the new top-left; None when nothing is present."""
    rows = np.flatnonzero(present.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(present.any(axis=0))
    r0, r1, c0, c1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    return slice(r0, r1), slice(c0, c1), top + r0, left + c0


class _Patch:
    """Shared machinery of Obj and Indices: an array cropped to its content, placed at (top, left)."""

    __slots__ = ()
    _KIND = "patch"
    _DTYPE: type = bool

    def _init(self, top: int, left: int, arr: np.ndarray, present: np.ndarray | None, normalise: bool) -> None:
        if normalise and arr.size:
            assert present is not None
            box = _crop_to_content(present, top, left)
            if box is None:
                arr = arr[:0, :0]
            else:
                rs, cs, top, left = box
                arr = arr[rs, cs]
        if arr.size == 0:
            arr = np.zeros((0, 0), dtype=self._DTYPE)
            top = left = 0
        if arr.shape[0] > MAX_INNER_SIDE * 3 or arr.shape[1] > MAX_INNER_SIDE * 3:
            raise DSLLimitError(f"{self._KIND} of {arr.shape[0]}x{arr.shape[1]} exceeds the bound")
        if arr.flags.writeable or not arr.flags.c_contiguous:
            arr = np.array(arr, dtype=self._DTYPE, order="C")
            arr.setflags(write=False)
        object.__setattr__(self, "top", int(top))
        object.__setattr__(self, "left", int(left))
        object.__setattr__(self, self._ARR, arr)  # type: ignore[attr-defined]
        object.__setattr__(self, "_hash", None)

    @property
    def _data(self) -> np.ndarray:
        return getattr(self, self._ARR)  # type: ignore[attr-defined]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple:
        return (type(self), (self.top, self.left, np.array(self._data)))

    @property
    def h(self) -> int:
        return self._data.shape[0]

    @property
    def w(self) -> int:
        return self._data.shape[1]

    def is_empty(self) -> bool:
        return self._data.size == 0

    def __hash__(self) -> int:
        h = self._hash  # type: ignore[attr-defined]
        if h is None:
            d = self._data
            h = hash((self.top, self.left, d.shape, d.tobytes()))  # type: ignore[attr-defined]
            object.__setattr__(self, "_hash", h)
        return h

    def __eq__(self, other: object) -> bool:
        return (type(other) is type(self) and self.top == other.top and self.left == other.left  # type: ignore[attr-defined]
                and self._data.shape == other._data.shape and bool(np.array_equal(self._data, other._data)))  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(at=({self.top},{self.left}), {self.h}x{self.w}, {self.size} cells)"  # type: ignore[attr-defined]


class Obj(_Patch):
    """Coloured cells at absolute positions: colour array cropped to the bounding box, -1 where no cell."""

    __slots__ = ("top", "left", "a", "_hash", "_colour")  # _colour: most common colour, memoised (None: not yet)
    _KIND = "object"
    _DTYPE = np.int8
    _ARR = "a"

    def __init__(self, top: int, left: int, a: np.ndarray, *, normalise: bool = True):
        a = np.asarray(a, dtype=np.int8)
        self._init(top, left, a, a != EMPTY if normalise else None, normalise)
        object.__setattr__(self, "_colour", None)

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
    def size(self) -> int:
        return int((self.a != EMPTY).sum())

    def cells(self) -> list[tuple[int, int, int]]:
        rr, cc = np.nonzero(self.a != EMPTY)
        return [(int(r) + self.top, int(c) + self.left, int(self.a[r, c])) for r, c in zip(rr, cc)]


class Indices(_Patch):
    """A set of absolute positions: boolean mask cropped to the bounding box, plus its top-left."""

    __slots__ = ("top", "left", "m", "_hash")
    _KIND = "index set"
    _DTYPE = bool
    _ARR = "m"

    def __init__(self, top: int, left: int, m: np.ndarray, *, normalise: bool = True):
        m = np.asarray(m, dtype=bool)
        self._init(top, left, m, m if normalise else None, normalise)

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
    def size(self) -> int:
        return int(self.m.sum())

    def points(self) -> list[tuple[int, int]]:
        rr, cc = np.nonzero(self.m)
        return [(int(r) + self.top, int(c) + self.left) for r, c in zip(rr, cc)]
