"""Colour-map completion: a candidate whose train outputs match up to a consistent cell-wise colour map is
turned into a DSL program that applies the map with `replace` steps (no special value type needed)."""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from arcsynth.dsl.grid import Grid
from arcsynth.dsl.program import Call, Lit, Node
from arcsynth.dsl.types import COLOUR


def infer_colour_map(preds: Sequence[Grid], outs: Sequence[Grid]) -> Optional[dict[int, int]]:
    """The map c -> c' with out == map(pred) on every pair (cells of each colour agree), or None."""
    table = np.full(10, -1, dtype=np.int16)
    for p, o in zip(preds, outs):
        if p.shape != o.shape:
            return None
        a, b = p.a.ravel(), o.a.ravel()
        for c in np.unique(a):
            tgt = np.unique(b[a == c])
            if tgt.size != 1:
                return None
            t = int(tgt[0])
            if table[c] == -1:
                table[c] = t
            elif table[c] != t:
                return None
    return {c: int(table[c]) for c in range(10) if table[c] != -1 and table[c] != c}


def map_program(node: Node, mapping: dict[int, int], used: set[int]) -> Optional[Node]:
    """`node` wrapped in replace calls that apply `mapping` simultaneously (cycles go through a free colour)."""
    if not mapping:
        return node
    pending = dict(mapping)
    out = node
    free = [c for c in range(10) if c not in used and c not in mapping and c not in mapping.values()]
    parked: set[int] = set()
    while pending:
        # a source whose target is not itself a pending source can be replaced directly
        ready = [s for s, t in pending.items() if t not in pending]
        if ready:
            s = min(ready)
            out = Call("replace", (out, Lit(s, COLOUR), Lit(pending.pop(s), COLOUR)))
            if s in parked:  # a parking colour is free again once emptied
                parked.discard(s)
                free.append(s)
            continue
        swaps = [s for s, t in pending.items() if pending.get(t) == s]
        if swaps:  # a 2-cycle is one swap
            s = min(swaps)
            t = pending.pop(s)
            pending.pop(t)
            out = Call("swap", (out, Lit(s, COLOUR), Lit(t, COLOUR)))
            continue
        if not free:
            return None
        s = min(pending)  # break a longer cycle: park s in a free colour
        tmp = free.pop()
        parked.add(tmp)
        out = Call("replace", (out, Lit(s, COLOUR), Lit(tmp, COLOUR)))
        pending[tmp] = pending.pop(s)
    return out


def apply_map(g: Grid, mapping: dict[int, int]) -> Grid:
    """The grid with the colour map applied to every cell."""
    lut = np.arange(10, dtype=np.int8)
    for s, t in mapping.items():
        lut[s] = t
    return Grid(lut[g.a])
