"""Canvases and layouts a cell rule reads an input through when the output is not the input's shape: the input
tiled, mirror-tiled or scaled up to the output's size, cut into equal parts of the output's size, or read as a grid
of equal blocks (one per output cell)."""
from __future__ import annotations

from typing import Callable, Optional, Sequence

import numpy as np


def blocks_layout(ins: Sequence[np.ndarray], outs: Sequence[np.ndarray]) -> Optional[tuple[int, int, int]]:
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


def shrink(a: np.ndarray, bh: int, bw: int, sep: int) -> Optional[tuple[np.ndarray, list[np.ndarray]]]:
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


def part_layouts(ins: Sequence[np.ndarray], outs: Sequence[np.ndarray]) -> list[tuple[int, int, int]]:
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


def cut(a: np.ndarray, nr: int, nc: int, sep: int) -> Optional[list[np.ndarray]]:
    """The nr×nc equal parts of a grid with separator lines of width sep between them (None if it does not fit)."""
    h, w = a.shape[0] - (nr - 1) * sep, a.shape[1] - (nc - 1) * sep
    if h <= 0 or w <= 0 or h % nr or w % nc:
        return None
    ph, pw = h // nr, w // nc
    return [a[i * (ph + sep):i * (ph + sep) + ph, j * (pw + sep):j * (pw + sep) + pw]
            for i in range(nr) for j in range(nc)]


def tile(a: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """kh×kw copies of a."""
    return np.tile(a, (kh, kw))


def mirror_tile(a: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """Tiles in which every other block is flipped, so that neighbouring blocks mirror each other."""
    row = np.concatenate([a if j % 2 == 0 else a[:, ::-1] for j in range(kw)], axis=1)
    return np.concatenate([row if i % 2 == 0 else row[::-1, :] for i in range(kh)], axis=0)


def upscale(a: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """Every cell of a as a kh×kw block."""
    return np.kron(a, np.ones((kh, kw), dtype=a.dtype))


#: Ways to lay an input out on a canvas k times its size: each output cell then reads the canvas cell under it.
CANVASES: dict[str, Callable[[np.ndarray, int, int], np.ndarray]] = {
    "tiled": tile, "mirror-tiled": mirror_tile, "scaled up": upscale}


def ratio(ins: Sequence[np.ndarray], outs: Sequence[np.ndarray]) -> Optional[tuple[int, int]]:
    """The integer (rows, columns) factor by which every output is larger than its input, if one factor holds."""
    ratios = set()
    for i, o in zip(ins, outs):
        if o.shape[0] % i.shape[0] or o.shape[1] % i.shape[1]:
            return None
        ratios.add((o.shape[0] // i.shape[0], o.shape[1] // i.shape[1]))
    return ratios.pop() if len(ratios) == 1 else None


__all__ = ["blocks_layout", "shrink", "part_layouts", "cut", "tile", "mirror_tile", "upscale", "CANVASES", "ratio"]
