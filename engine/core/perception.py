"""Perception the search uses: output-size prediction from the train pairs (and later colour normalisation)."""
from __future__ import annotations

from typing import Callable, Optional, Sequence

import numpy as np

from arcsynth.dsl.grid import Grid

Shape = tuple[int, int]


def _bbox_shape(g: Grid) -> Shape:
    a = g.a
    bg = int(np.bincount(a.ravel(), minlength=10).argmax())
    m = a != bg
    if not m.any():
        return g.shape
    rows, cols = np.flatnonzero(m.any(1)), np.flatnonzero(m.any(0))
    return (int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1))


def _rules() -> list[tuple[str, Callable[[Grid, list[tuple[Grid, Grid]]], Optional[Shape]], Optional[str]]]:
    """Candidate rules for the output shape, simplest first: (name, input -> shape, the DSL expression of that
    shape as a Point, or None where the rule has no input-independent expression)."""
    R = Callable[[Grid, list[tuple[Grid, Grid]]], Optional[Shape]]
    rules: list[tuple[str, R, Optional[str]]] = [
        ("same", lambda g, _: g.shape, "shape(I)"),
        ("transpose", lambda g, _: (g.w, g.h), "swap_point(shape(I))"),
    ]
    for k in (2, 3, 4, 5):
        rules.append((f"times{k}", lambda g, _, k=k: (g.h * k, g.w * k), f"scale_point(shape(I), {k})"))
        rules.append((f"div{k}", lambda g, _, k=k: (g.h // k, g.w // k) if g.h % k == 0 and g.w % k == 0 else None,
                      f"point(div(height(I), {k}), div(width(I), {k}))"))
    for a in (1, 2, 3):
        for b in (1, 2, 3):
            if (a, b) != (1, 1):
                hs = "height(I)" if a == 1 else f"mul(height(I), {a})"
                ws = "width(I)" if b == 1 else f"mul(width(I), {b})"
                rules.append((f"scale{a}x{b}", lambda g, _, a=a, b=b: (g.h * a, g.w * b), f"point({hs}, {ws})"))
    rules.append(("half_h", lambda g, _: (g.h // 2, g.w), "point(halve(height(I)), width(I))"))
    rules.append(("half_w", lambda g, _: (g.h, g.w // 2), "point(height(I), halve(width(I)))"))
    rules.append(("bbox", lambda g, _: _bbox_shape(g), "idx_shape(foreground(I))"))
    rules.append(("const", lambda g, pairs: pairs[0][1].shape, None))
    rules.append(("square_in", lambda g, _: (g.h * g.h, g.w * g.w) if g.h * g.h <= 30 and g.w * g.w <= 30 else None,
                  "point(mul(height(I), height(I)), mul(width(I), width(I)))"))
    return rules


def _first_rule(inputs: Sequence[Grid], outputs: Sequence[Grid]) -> Optional[tuple[tuple[Shape, ...], Optional[str]]]:
    pairs = list(zip(inputs[: len(outputs)], outputs))
    for _name, rule, expr in _rules():
        try:
            if all(rule(i, pairs) == o.shape for i, o in pairs):
                shapes = [rule(g, pairs) for g in inputs]
                if all(s is not None and s[0] >= 1 and s[1] >= 1 for s in shapes):
                    if expr is None:  # a constant shape
                        expr = "({}, {})".format(*pairs[0][1].shape)
                    return tuple(shapes), expr  # type: ignore[arg-type]
        except Exception:  # a rule that does not apply to some input
            continue
    return None


def predict_output_shapes(inputs: Sequence[Grid], outputs: Sequence[Grid]) -> Optional[tuple[Shape, ...]]:
    """The first shape rule consistent with every train pair, applied to every input (train inputs first, one per
    train output, then test inputs); None if none fits."""
    hit = _first_rule(inputs, outputs)
    return hit[0] if hit else None


def output_shape_expression(inputs: Sequence[Grid], outputs: Sequence[Grid]) -> Optional[str]:
    """A DSL Point expression of the predicted output shape (the enumerator seeds it cheaply), or None."""
    hit = _first_rule(inputs, outputs)
    return hit[1] if hit else None
