"""Repetition lattices shared by the periodic-completion primitives (not primitives themselves)."""
from __future__ import annotations

import numpy as np


def lattice_ids(h: int, w: int, p: int, q: int, s: int) -> np.ndarray:
    """Class id of every cell under the lattice spanned by (0, p) and (q, s): cells in one class repeat each other."""
    i = np.arange(h)[:, None]
    j = np.arange(w)[None, :]
    return (i % q) * p + (j - (i // q) * s) % p


def find_lattice(a: np.ndarray, known: np.ndarray) -> tuple[int, int, int]:
    """(p, q, s) of the smallest repetition lattice (fewest classes) under which all known cells of a agree."""
    h, w = a.shape
    vals = a[known]
    cands = sorted((p * q, q, s, p) for p in range(1, w + 1) for q in range(1, h + 1) for s in range(p))
    for _, q, s, p in cands:
        ids = lattice_ids(h, w, p, q, s)
        kid = ids[known]
        first = np.full(p * q, -1, dtype=np.int16)
        first[kid] = vals
        if np.array_equal(first[kid], vals):
            return p, q, s
    return w, h, 0
