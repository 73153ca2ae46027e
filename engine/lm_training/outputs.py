"""The outputs a generated training program gives, and whether they are worth learning from."""
from __future__ import annotations

from typing import Optional, Sequence

from arcsynth.dsl.grid import Grid
from arcsynth.dsl.interpreter import Limits, evaluate
from arcsynth.dsl.program import Node


def interesting(vals: Sequence[Grid], inputs: Sequence[Grid], nt: int) -> bool:
    """Train outputs worth learning from: not the inputs themselves, not one constant grid for every pair."""
    if all(v == i for v, i in zip(vals[:nt], inputs[:nt])):
        return False
    return not (nt > 1 and all(v == vals[0] for v in vals[1:nt]))


def grid_outputs(node: Node, inputs: Sequence[Grid], limits: Limits) -> Optional[tuple[Grid, ...]]:
    """A program's values on inputs under limits when every one is a Grid; None when it fails or gives another
    type (a DSLError, or a primitive that cannot apply to these values)."""
    try:
        vals = tuple(evaluate(node, g, limits) for g in inputs)
    except Exception:  # noqa: BLE001 — generated programs fail in every way; such a program is just skipped
        return None
    return vals if all(isinstance(v, Grid) for v in vals) else None


__all__ = ["interesting", "grid_outputs"]
