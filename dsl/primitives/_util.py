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
