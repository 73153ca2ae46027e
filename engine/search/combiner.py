"""Composition of partial programs: two Grid values that already have the output's shape on every train pair are
combined by the registry's binary Grid combinators (cell-wise logic, overlays, masks) with the colours the outputs
use, e.g. grid_xor(A, B, c) or overlay_grids(A, B)."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Optional

from arcsynth.core.clock import Clock
from arcsynth.core.context import SearchContext
from arcsynth.dsl.interpreter import check_value
from arcsynth.dsl.program import Call, Lit, Node
from arcsynth.dsl.registry import REGISTRY, Primitive
from arcsynth.dsl.types import COLOUR, GRID


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

    def __init__(self, ctx: SearchContext, clock: Clock, pool_size: int = 24, time_share: float = 0.2):
        self.ctx, self.clock = ctx, clock
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
        t0 = self.clock.now()
        if self.spent <= self.time_share * (t0 - self.started):
            try:
                for other, ovals in self.pool:
                    for a, av, b, bv in ((node, vals, other, ovals), (other, ovals, node, vals)):
                        hit = self._try(a, av, b, bv)
                        if hit:
                            return hit
            finally:
                self.spent += self.clock.now() - t0
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
                    check_value(cb.prim.name, v)
                    res.append(v)
                else:
                    nodes = list(cb.fixed)
                    nodes[s0], nodes[s1] = a, b
                    return Call(cb.prim.name, tuple(nodes)), tuple(res)  # type: ignore[arg-type]
            except Exception:
                continue
        return None


__all__ = ["Combinator", "PairCombiner"]
