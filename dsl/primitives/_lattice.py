"""Repetition lattices shared by the periodic-completion primitives (not primitives themselves)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np


def lattice_ids(h: int, w: int, p: int, q: int, s: int) -> np.ndarray:
    """Class id of every cell under the lattice spanned by (0, p) and (q, s): cells in one class repeat each other."""
    i = np.arange(h)[:, None]
    j = np.arange(w)[None, :]
    return (i % q) * p + (j - (i // q) * s) % p


@lru_cache(maxsize=256)
def _candidates(h: int, w: int) -> tuple[tuple[int, int, int], ...]:
    """Every lattice (p, q, s) for an h×w grid, fewest classes (p·q) first."""
    return tuple((q, s, p) for _, q, s, p in
                 sorted((p * q, q, s, p) for p in range(1, w + 1) for q in range(1, h + 1) for s in range(p)))


def _offset_agrees(a: np.ndarray, known: np.ndarray, di: int, dj: int) -> bool:
    """Whether every pair of known cells at offset (di, dj), di >= 0, has equal colours."""
    h, w = a.shape
    if di >= h or abs(dj) >= w:
        return True
    j0, j1 = (0, w - dj) if dj >= 0 else (-dj, w)
    x, y = a[: h - di, j0:j1], a[di:, j0 + dj: j1 + dj]
    both = known[: h - di, j0:j1] & known[di:, j0 + dj: j1 + dj]
    return bool(np.array_equal(x[both], y[both]))


def find_lattice(a: np.ndarray, known: np.ndarray) -> tuple[int, int, int]:
    """(p, q, s) of the smallest repetition lattice (fewest classes) under which all known cells of a agree."""
    h, w = a.shape
    vals = a[known]
    # Cells one lattice vector apart share a class, so known pairs at offsets (0, p) and (q, s) must agree:
    # a cheap necessary test that prunes most candidates before the exact class check.
    row_ok = {p: _offset_agrees(a, known, 0, p) for p in range(1, w + 1)}
    offset_ok: dict[tuple[int, int], bool] = {}

    def agrees(di: int, dj: int) -> bool:
        if (di, dj) not in offset_ok:
            offset_ok[(di, dj)] = _offset_agrees(a, known, di, dj)
        return offset_ok[(di, dj)]

    for q, s, p in _candidates(h, w):
        if not row_ok[p] or not agrees(q, s) or (s and not agrees(q, s - p)):
            continue
        ids = lattice_ids(h, w, p, q, s)
        kid = ids[known]
        first = np.full(p * q, -1, dtype=np.int16)
        first[kid] = vals
        if np.array_equal(first[kid], vals):
            return p, q, s
    return w, h, 0
