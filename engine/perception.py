"""Perception the search uses: output-size prediction from the train pairs (and later colour normalisation)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

import numpy as np

from dsl.grid import Grid

if TYPE_CHECKING:
    from .context import SearchContext

Shape = tuple[int, int]


def _bbox_shape(g: Grid) -> Shape:
    a = g.a
    bg = int(np.bincount(a.ravel(), minlength=10).argmax())
    m = a != bg
    if not m.any():
        return g.shape
    rows, cols = np.flatnonzero(m.any(1)), np.flatnonzero(m.any(0))
    return (int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1))


def _rules() -> list[tuple[str, Callable[[Grid, list[tuple[Grid, Grid]]], Optional[Shape]]]]:
    """Candidate rules for the output shape, simplest first; each maps an input to a shape."""
    rules: list[tuple[str, Callable[[Grid, list[tuple[Grid, Grid]]], Optional[Shape]]]] = [
        ("same", lambda g, _: g.shape),
        ("transpose", lambda g, _: (g.w, g.h)),
    ]
    for k in (2, 3, 4, 5):
        rules.append((f"times{k}", lambda g, _, k=k: (g.h * k, g.w * k)))
        rules.append((f"div{k}", lambda g, _, k=k: (g.h // k, g.w // k) if g.h % k == 0 and g.w % k == 0 else None))
    for a in (1, 2, 3):
        for b in (1, 2, 3):
            if (a, b) != (1, 1):
                rules.append((f"scale{a}x{b}", lambda g, _, a=a, b=b: (g.h * a, g.w * b)))
    rules.append(("half_h", lambda g, _: (g.h // 2, g.w)))
    rules.append(("half_w", lambda g, _: (g.h, g.w // 2)))
    rules.append(("bbox", lambda g, _: _bbox_shape(g)))
    rules.append(("const", lambda g, pairs: pairs[0][1].shape))
    rules.append(("square_in", lambda g, _: (g.h * g.h, g.w * g.w) if g.h * g.h <= 30 and g.w * g.w <= 30 else None))
    return rules


def predict_output_shapes(ctx: "SearchContext") -> Optional[tuple[Shape, ...]]:
    """The first shape rule consistent with every train pair, applied to every input; None if none fits."""
    pairs = list(zip(ctx.inputs[: ctx.n_train], ctx.outputs))
    for _name, rule in _rules():
        try:
            if all(rule(i, pairs) == o.shape for i, o in pairs):
                shapes = [rule(g, pairs) for g in ctx.inputs]
                if all(s is not None and s[0] >= 1 and s[1] >= 1 for s in shapes):
                    return tuple(shapes)  # type: ignore[arg-type]
        except Exception:  # a rule that does not apply to some input
            continue
    return None
