"""Helpers shared by primitive modules (not primitives themselves)."""
from __future__ import annotations

import numpy as np

from ..errors import DSLError
from ..grid import Grid, check_size


def G(a: np.ndarray) -> Grid:
    """Wrap a freshly computed array as a Grid (validates size and colours)."""
    return Grid(a)


def bg_colour(a: np.ndarray) -> int:
    """Most common colour of an array (ties: smallest colour)."""
    return int(np.bincount(a.ravel(), minlength=10).argmax())


def require(cond: bool, msg: str) -> None:
    """Raise DSLError(msg) unless cond holds."""
    if not cond:
        raise DSLError(msg)


def need(h: int, w: int) -> None:
    """Check a grid of h×w may be built (before allocating it)."""
    check_size(h, w)


def flood(mask: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """Cells of the boolean `mask` 4-connected through `mask` to a seed cell (seeds outside mask are ignored)."""
    h, w = mask.shape
    seen = np.zeros(mask.shape, dtype=bool)
    stack = [(int(r), int(c)) for r, c in zip(*np.nonzero(seeds & mask))]
    while stack:
        r, c = stack.pop()
        if seen[r, c]:
            continue
        seen[r, c] = True
        for rr, cc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= rr < h and 0 <= cc < w and mask[rr, cc] and not seen[rr, cc]:
                stack.append((rr, cc))
    return seen


def border_mask(shape: tuple[int, int]) -> np.ndarray:
    """Boolean array of the given shape that is True on the outermost ring of cells."""
    m = np.zeros(shape, dtype=bool)
    m[0, :] = m[-1, :] = True
    m[:, 0] = m[:, -1] = True
    return m


def sgn(x: int) -> int:
    return (x > 0) - (x < 0)
