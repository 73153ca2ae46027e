"""Monte-Carlo tree search (UCT) over top-down program construction, rewarded by partial matches.

A tree node is a partial program: the choices made so far for its holes in pre-order. An action fills
the leftmost open hole with a production of its type (a primitive, `I`, `_` or a literal). Children are
added by progressive widening in order of prior probability. A rollout completes the program by
sampling from the prior with a depth cap; the reward is the share of train output cells it gets right
(1.0 for an exact match, which is then reported as a solution).
"""
from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np

from arcsynth.core.clock import Clock
from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.interpreter import Limits, evaluate
from arcsynth.dsl.program import HOLE, INPUT, Call, Lit, Node
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.types import BOOL, COLOUR, GRID, INT, POINT, BaseType, FnType

OnExact = Callable[[Node, tuple, str], bool]
_LIMITS = Limits(max_steps=3_000, max_seconds=0.5)

# A production: ("call", name) or ("leaf", Node)
Prod = tuple[str, object]
Hole = tuple[BaseType, Optional[BaseType], int]  # (type, hole type, depth)


class _Grammar:
    """Productions per (type, hole type) with prior probabilities, restricted to what can terminate."""

    def __init__(self, ctx: SearchContext, prior: Prior):
        self.prior = prior
        self.palette = list(ctx.palette)
        self.cache: dict[tuple, list[tuple[Prod, float]]] = {}

    def options(self, t: BaseType, h: Optional[BaseType]) -> list[tuple[Prod, float]]:
        key = (t, h)
        if key not in self.cache:
            opts: list[tuple[Prod, float]] = []
            for p in REGISTRY.values():
                if p.ret == t and self.prior.weight(p.name) > 0:
                    opts.append((("call", p.name), math.exp(self.prior.log_prob_call(p.name, h))))
            leaves: list[Node] = []
            if t == GRID:
                leaves.append(INPUT)
            if h is not None and t == h:
                leaves.append(HOLE)
            if t == COLOUR:
                leaves += [Lit(c, COLOUR) for c in self.palette]
            elif t == INT:
                leaves += [Lit(v, INT) for v in (0, 1, 2, 3, -1)]
            elif t == BOOL:
                leaves += [Lit(True, BOOL), Lit(False, BOOL)]
            elif t == POINT:
                leaves += [Lit(v, POINT) for v in ((0, 1), (1, 0), (0, -1), (-1, 0), (1, 1))]
            for lf in leaves:
                opts.append((("leaf", lf), math.exp(self.prior.log_prob_leaf(lf, t, h))))
            opts.sort(key=lambda o: -o[1])
            self.cache[key] = opts
        return self.cache[key]


def _holes_of(prod: Prod, h: Optional[BaseType], depth: int) -> list[Hole]:
    if prod[0] != "call":
        return []
    p = REGISTRY[prod[1]]  # type: ignore[index]
    out: list[Hole] = []
    for q in p.params:
        if isinstance(q, FnType):
            out.append((q.ret, q.arg, depth + 1))
        else:
            out.append((q, h, depth + 1))
    return out


def _build(prods: list[Prod]) -> Node:
    it = iter(prods)

    def rec() -> Node:
        kind, val = next(it)
        if kind == "leaf":
            return val  # type: ignore[return-value]
        p = REGISTRY[val]  # type: ignore[index]
        return Call(p.name, tuple(rec() for _ in p.params))
    return rec()


@dataclass
class _Node:
    prods: list[Prod]
    open: list[Hole]                      # stack of open holes; the last is filled next
    visits: int = 0
    value: float = 0.0
    children: dict[int, "_Node"] = field(default_factory=dict)
    untried: int = 0                      # index of the next option to add (progressive widening)


def mcts_search(ctx: SearchContext, prior: Prior, deadline: float, on_exact: OnExact, clock: Clock, seed: int = 0,
                max_depth: int = 5, c_uct: float = 0.7) -> dict:
    """Run UCT until the deadline; returns statistics."""
    t0 = time.monotonic()
    rng = random.Random(seed)
    gram = _Grammar(ctx, prior)
    root = _Node([], [(GRID, None, 0)])
    cache: dict[str, float] = {}
    rollouts = 0
    nt = ctx.n_train
    outs = ctx.outputs
    total_cells = sum(o.a.size for o in outs)

    def reward(node: Node) -> tuple[float, bool]:
        key = str(node)
        if key in cache:
            return cache[key], False
        right = 0
        ok = True
        for i in range(nt):
            try:
                v = evaluate(node, ctx.inputs[i], _LIMITS)
            except DSLError:
                ok = False
                break
            if not hasattr(v, "shape") or v.shape != outs[i].shape:
                ok = False
                break
            right += int(np.count_nonzero(v.a == outs[i].a))
        r = right / total_cells if ok else 0.0
        cache[key] = r
        stop = False
        if r == 1.0:
            try:
                vals = tuple(evaluate(node, g, _LIMITS) for g in ctx.inputs)
                stop = on_exact(node, vals, "search")
            except DSLError:
                pass
        return r, stop

    def complete(prods: list[Prod], open_: list[Hole]) -> Optional[list[Prod]]:
        prods, stack = list(prods), list(open_)
        while stack:
            t, h, d = stack.pop()
            opts = gram.options(t, h)
            if d >= max_depth:
                opts = [o for o in opts if o[0][0] == "leaf"] or opts[:3]
            if not opts:
                return None
            weights = [w for _, w in opts]
            prod = rng.choices([o for o, _ in opts], weights=weights)[0]
            prods.append(prod)
            stack.extend(reversed(_holes_of(prod, h, d)))
            if len(prods) > 40:
                return None
        return prods

    while clock.now() < deadline:
        clock.tick()  # one selection + rollout is one unit of work on the work clock
        # selection with progressive widening
        node, path = root, [root]
        while node.open:
            t, h, d = node.open[-1]
            opts = gram.options(t, h)
            if d >= max_depth:
                opts = [o for o in opts if o[0][0] == "leaf"] or opts[:3]
            allowed = min(len(opts), 1 + int(2 * math.sqrt(node.visits + 1)))
            if node.untried < allowed:
                prod = opts[node.untried][0]
                child_open = node.open[:-1] + list(reversed(_holes_of(prod, h, d)))
                child = _Node(node.prods + [prod], child_open)
                node.children[node.untried] = child
                node.untried += 1
                node = child
                path.append(node)
                break
            best, best_u = None, -1.0
            for ch in node.children.values():
                u = ch.value / (ch.visits + 1e-9) + c_uct * math.sqrt(math.log(node.visits + 1) / (ch.visits + 1e-9))
                if u > best_u:
                    best, best_u = ch, u
            if best is None:
                break
            node = best
            path.append(node)
        full = complete(node.prods, node.open)
        r, stop = 0.0, False
        if full is not None:
            rollouts += 1
            try:
                r, stop = reward(_build(full))
            except (DSLError, StopIteration, RecursionError):
                r = 0.0
        for n in path:
            n.visits += 1
            n.value += r
        if stop:
            break
    return {"rollouts": rollouts, "candidates": len(cache), "seconds": round(time.monotonic() - t0, 3)}
