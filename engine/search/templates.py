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

from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.interpreter import _check_value
from arcsynth.dsl.program import INPUT, Call, Lit, Node
from arcsynth.dsl.registry import REGISTRY, Primitive
from arcsynth.dsl.types import BOOL, COLOUR, GRID, INDICES, OBJ, OBJS, BaseType

from arcsynth.core import clock
from arcsynth.core.context import SearchContext

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
                    _check_value(t.prim.name, v)
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


@dataclass(frozen=True)
class Combinator:
    prim: Primitive
    grid_slots: tuple[int, int]
    fixed: tuple[Optional[Node], ...]
    fixed_vals: tuple


class PairCombiner:
    """Composition of partial programs: two Grid values that already have the output's shape on every train
    pair are combined by the registry's binary Grid combinators (cell-wise logic, overlays, masks) with the
    colours the outputs use. Each new such value is tried against the cheapest earlier ones."""

    def __init__(self, ctx: SearchContext, pool_size: int = 24, time_share: float = 0.2):
        self.ctx = ctx
        self.pool: list[tuple[Node, tuple]] = []
        self.pool_size = pool_size
        self.checked = 0
        # Combining costs up to pool_size × 2 × combinators calls per new value: keep it to a share of the
        # search's wall time so enumeration keeps going deeper (values still join the pool when skipped).
        self.time_share = time_share
        self.started = clock.now()
        self.spent = 0.0
        colours = sorted(ctx.output_colours())
        self.combinators: list[Combinator] = []
        for p in REGISTRY.values():
            if p.ret != GRID:
                continue
            gslots = [j for j, q in enumerate(p.params) if q == GRID]
            others = [j for j, q in enumerate(p.params) if q != GRID]
            if len(gslots) != 2 or any(p.params[j] != COLOUR for j in others):
                continue
            fills = [[(Lit(c, COLOUR), c) for c in colours if c != 0][:4] for _ in others]
            for combo in itertools.islice(itertools.product(*fills), 4):
                fixed: list[Optional[Node]] = [None] * p.arity
                vals: list[object] = [None] * p.arity
                for j, (node, v) in zip(others, combo):
                    fixed[j], vals[j] = node, v
                self.combinators.append(Combinator(p, (gslots[0], gslots[1]), tuple(fixed), tuple(vals)))

    def _shape_ok(self, vals: tuple) -> bool:
        """Output-shaped on every train pair, and not merely input-shaped (those are left to enumeration)."""
        ctx = self.ctx
        if not all(v.shape == o.shape for v, o in zip(vals, ctx.outputs)):
            return False
        return any(v.shape != i.shape for v, i in zip(vals, ctx.inputs))

    def add(self, node: Node, vals: tuple) -> Optional[tuple[Node, tuple]]:
        """Offer a new Grid value; returns (program, values) if some combination fits every train pair."""
        if not self._shape_ok(vals):
            return None
        t0 = clock.now()
        if self.spent <= self.time_share * (t0 - self.started):
            try:
                for other, ovals in self.pool:
                    for a, av, b, bv in ((node, vals, other, ovals), (other, ovals, node, vals)):
                        hit = self._try(a, av, b, bv)
                        if hit:
                            return hit
            finally:
                self.spent += clock.now() - t0
        if len(self.pool) < self.pool_size:
            self.pool.append((node, vals))
        return None

    def _try(self, a: Node, av: tuple, b: Node, bv: tuple) -> Optional[tuple[Node, tuple]]:
        ctx = self.ctx
        for cb in list(self.combinators):
            self.checked += 1
            s0, s1 = cb.grid_slots
            try:
                res = []
                for i in range(ctx.n):
                    args = list(cb.fixed_vals)
                    args[s0], args[s1] = av[i], bv[i]
                    v = cb.prim.fn(*args)
                    if i < ctx.n_train and v != ctx.outputs[i]:
                        if i == 0 and v.shape != ctx.outputs[0].shape:
                            self.combinators.remove(cb)  # same-shaped operands: this combinator never fits
                        break
                    _check_value(cb.prim.name, v)
                    res.append(v)
                else:
                    nodes = list(cb.fixed)
                    nodes[s0], nodes[s1] = a, b
                    return Call(cb.prim.name, tuple(nodes)), tuple(res)  # type: ignore[arg-type]
            except Exception:
                continue
        return None
