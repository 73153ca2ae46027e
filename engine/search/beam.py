"""Beam search over partial programs: Grid pipelines grown one primitive at a time, ranked by posterior.

A state is a Grid-valued expression (a value vector over all inputs). Each step wraps it in a primitive
whose first Grid parameter takes the state and whose other parameters come from small pools of cheap
values found by a short bottom-up pass. Children are ranked by log prior + log likelihood (cell noise
model), so near misses that are on the right track survive; the best `width` states go on.
"""
from __future__ import annotations

import itertools
import time
from typing import Callable

from arcsynth.core.clock import Clock
from arcsynth.core.context import SearchContext
from arcsynth.core.score import SHAPE_MISMATCH_LL, Prior, log_likelihood
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.interpreter import check_value
from arcsynth.dsl.program import Call, Node
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.types import GRID, FnType
from arcsynth.search.enumerate import EnumConfig, Enumerator, Expr

OnExact = Callable[[Node, tuple, str], bool]


def beam_search(ctx: SearchContext, prior: Prior, deadline: float, on_exact: OnExact, clock: Clock, seed: int = 0,
                width: int = 48, depth: int = 5, pool_per_type: int = 6, pool_seconds_share: float = 0.15) -> dict:
    """Run beam search until the deadline; returns statistics."""
    t0, c0 = time.monotonic(), clock.now()
    # 1. pools of cheap argument values from a short bottom-up pass
    en = Enumerator(ctx, prior, EnumConfig(max_cost=14), clock=clock)
    pool_deadline = c0 + pool_seconds_share * max(0.0, deadline - c0)
    nt = ctx.n_train

    def on_grid(e: Expr) -> bool:
        vals = e.vals
        assert vals is not None
        if all(vals[i] == ctx.outputs[i] for i in range(nt)):
            return on_exact(e.node, vals, "search")
        return False

    en.run(pool_deadline, on_grid)
    pools: dict = {}
    for t in {q for p in REGISTRY.values() for q in p.params if not isinstance(q, FnType)}:
        pools[t] = list(itertools.islice(en.entries(t), pool_per_type))
    for ft, levels in en.lambdas.items():
        pools[ft] = [e for c in sorted(levels) for e in levels[c]][:pool_per_type]
    steps = []
    for p in REGISTRY.values():
        if p.ret != GRID or prior.weight(p.name) <= 0:
            continue
        gi = next((i for i, q in enumerate(p.params) if q == GRID), None)
        if gi is None:
            continue
        others = [pools.get(q, []) for j, q in enumerate(p.params) if j != gi]
        if any(not o for o in others):
            continue
        steps.append((p, gi, others, prior.log_prob_call(p.name)))
    # 2. the beam
    start = Expr(en.levels[GRID][min(en.levels[GRID])][0].node, 0, ctx.inputs)
    beam: list[tuple[float, float, Expr]] = [(0.0, 0.0, start)]  # (-posterior, -logprior, entry)
    seen = {hash(ctx.inputs)}
    expanded = evaluated = 0
    stop = False
    for _d in range(depth):
        children: list[tuple[float, float, Expr]] = []
        for _, neg_lp, state in beam:
            expanded += 1
            for p, gi, others, lp_call in steps:
                for combo in itertools.product(*others):
                    if clock.now() > deadline:
                        stop = True
                        break
                    args_e = list(combo)
                    args_e.insert(gi, state)
                    evaluated += 1
                    clock.tick()
                    vals = _apply(p, args_e, en)
                    if vals is None:
                        continue
                    key = hash(vals)
                    if key in seen:
                        continue
                    seen.add(key)
                    node = Call(p.name, tuple(a.node for a in args_e))
                    lp = -neg_lp + lp_call + sum(prior.log_prior(a.node, q.ret if isinstance(q, FnType) else q,
                                                                  q.arg if isinstance(q, FnType) else None)
                                                 for a, q in zip(combo, [q for j, q in enumerate(p.params) if j != gi]))
                    ll = log_likelihood(vals[:nt], ctx.outputs)
                    if ll > SHAPE_MISMATCH_LL / 2 and all(vals[i] == ctx.outputs[i] for i in range(nt)):
                        if on_exact(node, vals, "search"):
                            stop = True
                    children.append((-(lp + ll), -lp, Expr(node, 0, vals)))
                    if stop:
                        break
                if stop:
                    break
            if stop:
                break
        if stop or not children:
            break
        children.sort(key=lambda x: x[0])
        beam = children[:width]
    return {"expanded": expanded, "candidates": evaluated, "seconds": round(time.monotonic() - t0, 3)}


def _apply(p, args_e, en: Enumerator):  # type: ignore[no-untyped-def]
    vals = []
    try:
        for i in range(en.n):
            args = [en.closure(e.node, i) if e.vals is None else e.vals[i] for e in args_e]
            v = p.fn(*args)
            check_value(p.name, v)
            vals.append(v)
    except DSLError:
        return None
    except Exception:
        return None
    return tuple(vals)
