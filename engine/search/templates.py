"""Target-directed top-level templates: every new Indices/Obj/Objs value X is tried at once inside the
task's applicable Grid-returning primitives (fill(I, c, X), paint(I, X), subgrid(X, I), ...).

The templates come from the registry: a Grid-returning primitive with one slot of such a type, whose
other parameters are Grid (filled with `I`), Colour (filled with the colours the train outputs need) or
Bool. For same-shape tasks the colour is pinned by the changed cells when they share one colour. A
template is evaluated on the first train pair first and abandoned at the first mismatch, so the check
costs little; it lets the search reach programs one level deeper than enumeration alone.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Optional

import numpy as np

from arcsynth.core.context import SearchContext
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.interpreter import check_value
from arcsynth.dsl.program import INPUT, Call, Lit, Node
from arcsynth.dsl.registry import REGISTRY, Primitive
from arcsynth.dsl.types import BOOL, COLOUR, GRID, INDICES, OBJ, OBJS, BaseType

SLOT_TYPES = (INDICES, OBJ, OBJS)
MAX_FILLS = 6


@dataclass(frozen=True)
class Template:
    prim: Primitive
    slot: int
    fixed: tuple[Optional[Node], ...]   # argument nodes, None at the slot
    fixed_vals: tuple                   # per argument: None at the slot, "I" for the input, else a constant


def _changed_colours(ctx: SearchContext) -> Optional[set[int]]:
    """Colours the outputs take on cells that differ from the inputs (same-shape tasks only)."""
    cols: set[int] = set()
    for i, o in zip(ctx.inputs[: ctx.n_train], ctx.outputs):
        if i.shape != o.shape:
            return None
        d = i.a != o.a
        cols |= set(np.unique(o.a[d]).tolist())
    return cols


def build_templates(ctx: SearchContext) -> dict[BaseType, list[Template]]:
    """The templates worth trying for this task, by slot type."""
    same_shape = all(i.shape == o.shape for i, o in zip(ctx.inputs, ctx.outputs))
    changed = _changed_colours(ctx) if same_shape else None
    out_cols = sorted(ctx.output_colours())
    colour_choices = sorted(changed) if changed else out_cols
    out: dict[BaseType, list[Template]] = {}
    for p in REGISTRY.values():
        if p.ret != GRID:
            continue
        for s, q in enumerate(p.params):
            if q not in SLOT_TYPES:
                continue
            choices: list[list[tuple[Node, object]]] = []
            ok = True
            for j, r in enumerate(p.params):
                if j == s:
                    choices.append([(None, None)])  # type: ignore[list-item]
                elif r == GRID:
                    choices.append([(INPUT, "I")])
                elif r == COLOUR:
                    choices.append([(Lit(c, COLOUR), c) for c in colour_choices[:4]])
                elif r == BOOL:
                    choices.append([(Lit(b, BOOL), b) for b in (True, False)])
                else:
                    ok = False
                    break
            if not ok or any(not c for c in choices):
                continue
            if sum(1 for j, r in enumerate(p.params) if r == GRID and j != s) > 1:
                continue  # e.g. where(X, I, I) is I whatever X is
            for combo in itertools.islice(itertools.product(*choices), MAX_FILLS):
                out.setdefault(q, []).append(Template(p, s, tuple(c[0] for c in combo), tuple(c[1] for c in combo)))
    return out


class TemplateChecker:
    """Tries the templates on new values; reports (program, values on all inputs) when one fits the train pairs."""

    def __init__(self, ctx: SearchContext):
        self.ctx = ctx
        self.templates = build_templates(ctx)
        self.checked = 0

    def _args(self, t: Template, x: object, i: int) -> list:
        return [x if j == t.slot else (self.ctx.inputs[i] if v == "I" else v) for j, v in enumerate(t.fixed_vals)]

    def check(self, node: Node, vals: tuple, t_type: BaseType) -> Optional[tuple[Node, tuple]]:
        ctx = self.ctx
        for t in self.templates.get(t_type, ()):
            self.checked += 1
            try:
                out0 = t.prim.fn(*self._args(t, vals[0], 0))
                if out0 != ctx.outputs[0]:
                    continue
                res = [out0]
                for i in range(1, ctx.n):
                    v = t.prim.fn(*self._args(t, vals[i], i))
                    check_value(t.prim.name, v)
                    if i < ctx.n_train and v != ctx.outputs[i]:
                        break
                    res.append(v)
                else:
                    args = tuple(node if j == t.slot else a for j, a in enumerate(t.fixed))
                    return Call(t.prim.name, args), tuple(res)  # type: ignore[arg-type]
            except DSLError:
                continue
            except Exception:
                continue
        return None


__all__ = ["Template", "TemplateChecker", "build_templates"]
