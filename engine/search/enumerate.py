"""Bottom-up enumeration of typed programs in order of prior cost, with observational-equivalence pruning.

Every expression is evaluated on all task inputs at once (train then test) into a *value vector*; two
expressions of the same type whose vectors are equal are kept once (the cheaper). Values are cached, so
a program is never evaluated twice. Function-typed arguments (`_` bodies) come from a small syntactic
enumeration of lambda bodies, cheapest first.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Callable, Iterator, Optional, Sequence

import numpy as np

from arcsynth.core.clock import Clock
from arcsynth.core.context import SearchContext
from arcsynth.core.perception import output_shape_expression
from arcsynth.core.score import Prior
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grammar import parse
from arcsynth.dsl.interpreter import Limits, check_value, evaluate
from arcsynth.dsl.program import HOLE, INPUT, Call, Lit, Node
from arcsynth.dsl.registry import REGISTRY, Primitive
from arcsynth.dsl.types import BOOL, COLOUR, GRID, INT, POINT, BaseType, DType, FnType
from arcsynth.search.speed import levin_extra

_LAMBDA_LIMITS = Limits(max_steps=2_000, max_seconds=0.5)
_SEED_LIMITS = Limits(max_steps=5_000, max_seconds=0.05)


@dataclass(slots=True)
class Expr:
    """An expression and its value on every input (None for lambda bodies, which have no vector)."""

    node: Node
    cost: int
    vals: Optional[tuple]


@dataclass
class EnumConfig:
    max_cost: int = 40
    max_entries: int = 300_000       # stop storing new values beyond this (goal checks continue)
    max_lambda_bodies: int = 40      # per function type
    lambda_max_cost: int = 14
    lambda_cap_per_level: int = 12  # syntactic bodies kept per (type, cost)
    lambda_work: int = 4000          # bodies built per function type (a count, so a search does not depend on machine load)
    int_literals: tuple[int, ...] = (0, 1, 2, 3, -1, 4, 5)
    point_literals: tuple[tuple[int, int], ...] = ((0, 1), (1, 0), (0, -1), (-1, 0), (1, 1), (-1, -1), (1, -1), (-1, 1), (0, 0))
    near_miss_keep: int = 32
    levin: bool = True               # add log(mean run time / typical run time) to slow primitives' cost (engine/data/primitive_speed.json)
    levin_max_extra: int = 3
    shape_seed_cost: int = 3         # enumeration cost of the predicted output shape as a Point (0: not seeded)


@dataclass
class EnumStats:
    candidates: int = 0          # primitive applications attempted (value vectors computed)
    failures: int = 0            # of which raised DSLError on some input
    kept: int = 0                # distinct values stored
    duplicates: int = 0          # pruned as observationally equivalent
    max_level: int = 0
    seconds: float = 0.0


def _nat_cost(logp: float) -> int:
    return max(1, int(round(-logp)))


class Enumerator:
    """Bottom-up typed enumeration for one task context."""

    def __init__(self, ctx: SearchContext, prior: Prior, config: EnumConfig = EnumConfig(),
                 seeds: Sequence[tuple[Node, DType]] = (), seed_discount: float = 0.5, seed_floor: int = 6,
                 lambda_cache: Optional[dict] = None, clock: Optional[Clock] = None):
        """`lambda_cache`: a dict shared by enumerators with the same prior and config (e.g. one task's search
        and its augmented copies), so lambda bodies for a palette are built once. `clock`: the solve's clock (each
        candidate ticks it; deadlines are on it), a wall clock of its own by default."""
        self.ctx = ctx
        self.clock = clock if clock is not None else Clock()
        self._lambda_cache = lambda_cache
        self.prior = prior
        self.cfg = config
        self.n = ctx.n
        self.n_train = ctx.n_train
        self.stats = EnumStats()
        self.seen: dict[BaseType, dict[int, Expr]] = {}
        self.levels: dict[BaseType, dict[int, list[Expr]]] = {}
        self.lambdas: dict[FnType, dict[int, list[Expr]]] = {}
        self.near_misses: list[tuple[float, Expr]] = []
        self.prims = [p for p in REGISTRY.values() if prior.weight(p.name) > 0]
        self.base_cost = {p.name: _nat_cost(prior.log_prob_call(p.name)) for p in self.prims}
        extra = levin_extra(config.levin_max_extra) if config.levin else {}
        self.prim_cost = {k: c + extra.get(k, 0) for k, c in self.base_cost.items()}
        self.time_sum: dict[str, float] = {}
        self.time_n: dict[str, int] = {}
        self.prims.sort(key=lambda p: (self.prim_cost[p.name], p.name))
        self._min_cost: dict[BaseType, int] = {}
        self._on_value: Optional[Callable[[Expr, BaseType], bool]] = None
        self._pending_seeds: list[tuple[int, Node, BaseType]] = []
        self._seed()
        self._build_lambdas()
        self.seeded = self._seed_expressions(seeds, seed_discount, seed_floor) if seeds else 0

    # ------------------------------------------------------------------ seeds
    def _add(self, t: BaseType, e: Expr) -> bool:
        bucket = self.seen.setdefault(t, {})
        key = hash(e.vals)
        old = bucket.get(key)
        if old is not None and old.vals == e.vals:
            self.stats.duplicates += 1
            return False
        if self.stats.kept >= self.cfg.max_entries:
            return True  # new value, but not stored
        bucket[key] = e
        self.levels.setdefault(t, {}).setdefault(e.cost, []).append(e)
        self.stats.kept += 1
        if e.cost < self._min_cost.get(t, 10**9):
            self._min_cost[t] = e.cost
        return True

    def _leaf_cost(self, node: Node, t: BaseType) -> int:
        return _nat_cost(self.prior.log_prob_leaf(node, t))

    def _seed(self) -> None:
        n = self.n
        self._add(GRID, Expr(INPUT, self._leaf_cost(INPUT, GRID), self.ctx.inputs))
        for c in sorted(self.ctx.palette):
            lit = Lit(int(c), COLOUR)
            self._add(COLOUR, Expr(lit, self._leaf_cost(lit, COLOUR), (int(c),) * n))
        for v in self.cfg.int_literals:
            lit = Lit(v, INT)
            self._add(INT, Expr(lit, self._leaf_cost(lit, INT), (v,) * n))
        for b in (True, False):
            lit = Lit(b, BOOL)
            self._add(BOOL, Expr(lit, self._leaf_cost(lit, BOOL), (b,) * n))
        for p in self.cfg.point_literals:
            lit = Lit(p, POINT)
            self._add(POINT, Expr(lit, self._leaf_cost(lit, POINT), (p,) * n))
        if self.cfg.shape_seed_cost:
            self._seed_expression(output_shape_expression(self.ctx.inputs, self.ctx.outputs), POINT,
                                  self.cfg.shape_seed_cost)

    def _seed_expression(self, text: Optional[str], t: BaseType, cost: int) -> None:
        """Store a perceived expression (e.g. the predicted output shape) at a low enumeration cost; its score
        still uses the prior's full cost. Skipped when it fails on some input."""
        if not text:
            return
        try:
            # The grammar's start symbol is a Grid program: parse the Point inside canvas(0, ...) and take it out.
            holder = parse(f"canvas(0, {text})") if t == POINT else parse(text)
            node = holder.args[1] if t == POINT else holder  # type: ignore[attr-defined]
            vals = tuple(evaluate(node, g) for g in self.ctx.inputs)
        except DSLError:
            return
        self._add(t, Expr(node, cost, vals))

    def _expr_cost(self, node: Node, t: BaseType, hole: Optional[BaseType] = None) -> int:
        """The enumerator's cost of an expression: primitive costs plus leaf costs."""
        if isinstance(node, Call):
            p = REGISTRY[node.prim]
            c = self.prim_cost.get(p.name, _nat_cost(self.prior.log_prob_call(p.name)))
            for a, q in zip(node.args, p.params):
                c += self._expr_cost(a, q.ret, q.arg) if isinstance(q, FnType) else self._expr_cost(a, q, hole)
            return c
        return _nat_cost(self.prior.log_prob_leaf(node, t, hole))

    def _seed_cost(self, natural: int, discount: float, floor: int) -> int:
        """A seed's cost: its natural cost times the discount, but not below `floor` (cheap expressions keep their
        own cost, so seeds add no branching at the cheapest levels)."""
        return max(1, min(natural, floor), int(round(discount * natural)))

    def _seed_expressions(self, seeds: Sequence[tuple[Node, DType]], discount: float, floor: int) -> int:
        """Take given expressions (e.g. sub-expressions of recalled programs) at a discounted cost: `_` bodies join
        the function arguments now; closed ones wait until the enumeration reaches their cost, and are evaluated
        then (so a search that ends sooner never pays for them). Returns how many were taken."""
        added = 0
        used_fn = {q for p in self.prims for q in p.params if isinstance(q, FnType)}
        for node, t in seeds:
            if isinstance(node, Call) and node.prim not in REGISTRY:
                continue
            if isinstance(t, FnType):
                if t not in used_fn:
                    continue
                cost = self._seed_cost(self._expr_cost(node, t.ret, t.arg), discount, floor)
                bucket = self.lambdas.setdefault(t, {})
                if any(str(e.node) == str(node) for lst in bucket.values() for e in lst):
                    continue
                bucket.setdefault(cost, []).append(Expr(node, cost, None))
                added += 1
                continue
            self._pending_seeds.append((self._seed_cost(self._expr_cost(node, t), discount, floor), node, t))
            added += 1
        self._pending_seeds.sort(key=lambda x: x[0])
        return added

    def _release_seeds(self, level: int, on_grid: Callable[[Expr], bool]) -> bool:
        """Evaluate the pending seeds of cost <= level and store them; new Grid values go to on_grid, others to
        on_value (templates). True when a callback asks to stop."""
        while self._pending_seeds and self._pending_seeds[0][0] <= level:
            cost, node, t = self._pending_seeds.pop(0)
            self.stats.candidates += 1
            self.clock.tick()
            try:
                vals = []
                for g in self.ctx.inputs:
                    v = evaluate(node, g, _SEED_LIMITS)
                    check_value(getattr(node, "prim", "seed"), v)
                    vals.append(v)
            except Exception:  # DSLError, or a primitive that cannot apply to these inputs
                self.stats.failures += 1
                continue
            e = Expr(node, cost, tuple(vals))
            if not self._add(t, e):
                continue
            if t == GRID:
                self._track_near_miss(e)
                if on_grid(e):
                    return True
            elif self._on_value is not None and self._on_value(e, t):
                return True
        return False

    # ------------------------------------------------------------------ lambda bodies
    def _build_lambdas(self) -> None:
        fn_types = {q for p in self.prims for q in p.params if isinstance(q, FnType)}
        cache = self._lambda_cache
        for ft in sorted(fn_types, key=str):
            key = (ft, tuple(self.ctx.palette))
            if cache is not None and key in cache:
                bodies = cache[key]
            else:
                bodies = self._lambda_bodies(ft)
                if cache is not None:
                    cache[key] = bodies
            for node, cost in bodies[: self.cfg.max_lambda_bodies]:
                self.lambdas.setdefault(ft, {}).setdefault(cost, []).append(Expr(node, cost, None))

    def _lambda_bodies(self, ft: FnType) -> list[tuple[Node, int]]:
        """Expressions of type ft.ret that use `_` (of type ft.arg), cheapest first.

        A small bottom-up enumeration by syntactic cost (no evaluation: the hole's values are only known
        inside the higher-order primitive), capped per (type, cost) and in bodies built (`lambda_work`), so it
        stays cheap and does not depend on machine load.
        """
        hole_t = ft.arg
        limit = self.cfg.lambda_max_cost
        cap = self.cfg.lambda_cap_per_level
        work = self.cfg.lambda_work
        levels: dict[BaseType, dict[int, list[tuple[Node, bool]]]] = {}
        full: set[tuple[BaseType, int]] = set()  # (type, cost) whose cap is reached

        def put(t: BaseType, node: Node, cost: int, uses: bool) -> None:
            # A Call is built from distinct children of fixed cost, so no node is produced twice.
            if (t, cost) in full:
                return
            lst = levels.setdefault(t, {}).setdefault(cost, [])
            lst.append((node, uses))
            if len(lst) >= cap:
                full.add((t, cost))

        def leaf(t: BaseType, node: Node) -> None:
            put(t, node, _nat_cost(self.prior.log_prob_leaf(node, t, hole_t)), node is HOLE)

        leaf(hole_t, HOLE)
        leaf(GRID, INPUT)
        for c in self.ctx.palette:
            leaf(COLOUR, Lit(int(c), COLOUR))
        for v in self.cfg.int_literals[:4]:
            leaf(INT, Lit(v, INT))
        for b in (True, False):
            leaf(BOOL, Lit(b, BOOL))
        for pt in self.cfg.point_literals[:4]:
            leaf(POINT, Lit(pt, POINT))
        simple = [p for p in self.prims if not any(isinstance(q, FnType) for q in p.params)]
        pcost = {p.name: _nat_cost(self.prior.log_prob_call(p.name, hole_t)) for p in simple}

        def min_cost(t: object) -> int:
            lv = levels.get(t)  # type: ignore[arg-type]
            return min(lv) if lv else 10**9

        for cost in range(2, limit + 1):
            for p in simple:
                rest = cost - pcost[p.name]
                if rest < 0 or (p.ret, cost) in full:
                    continue
                mins = [min_cost(q) for q in p.params]
                if sum(mins) > rest:
                    continue
                for split in _compositions(rest, mins):
                    lists = [levels.get(q, {}).get(c, []) for q, c in zip(p.params, split)]  # type: ignore[call-overload]
                    if any(not lst for lst in lists):
                        continue
                    for combo in itertools.product(*lists):
                        put(p.ret, Call(p.name, tuple(x[0] for x in combo)), cost, any(x[1] for x in combo))
                        work -= 1
                        if work <= 0 or (p.ret, cost) in full:
                            break
                    if work <= 0 or (p.ret, cost) in full:
                        break
                if work <= 0:
                    break
        out = [(node, c) for c, lst in levels.get(ft.ret, {}).items() for node, uses in lst if uses]
        out.sort(key=lambda x: (x[1], str(x[0])))
        return out

    def closure(self, body: Node, i: int) -> Callable[[object], object]:
        inp = self.ctx.inputs[i]

        def fn(x: object) -> object:
            return evaluate(body, inp, _LAMBDA_LIMITS, hole=x, has_hole=True)
        return fn

    # ------------------------------------------------------------------ main loop
    def _options(self, q: object, cost: int) -> list[Expr]:
        if isinstance(q, FnType):
            return self.lambdas.get(q, {}).get(cost, [])
        return self.levels.get(q, {}).get(cost, [])  # type: ignore[arg-type]

    def _min_param_cost(self, q: object) -> int:
        if isinstance(q, FnType):
            lv = self.lambdas.get(q)
            return min(lv) if lv else 10**9
        return self._min_cost.get(q, 10**9)  # type: ignore[arg-type]

    def run(self, deadline: float, on_grid: Callable[[Expr], bool],
            on_value: Optional[Callable[[Expr, BaseType], bool]] = None) -> EnumStats:
        """Enumerate by increasing cost until the deadline or max_cost; on_grid is called for each new Grid
        value (the seed `I` included) and returns True to stop; on_value likewise for new values of other types."""
        self._on_value = on_value
        t0 = time.monotonic()
        try:
            for seed in list(self.entries(GRID)):
                if on_grid(seed):
                    return self.stats
            if self._release_seeds(1, on_grid):
                return self.stats
            for level in range(2, self.cfg.max_cost + 1):
                self.stats.max_level = level
                if self._release_seeds(level, on_grid) or self._level(level, deadline, on_grid):
                    break
                if self.clock.now() > deadline:
                    break
        finally:
            self.stats.seconds = time.monotonic() - t0
        return self.stats

    def _level(self, level: int, deadline: float, on_grid: Callable[[Expr], bool]) -> bool:
        n = self.n
        for p in self.prims:
            rest = level - self.prim_cost[p.name]
            if rest < 0 or (p.arity == 0 and rest != 0):
                continue
            if p.arity == 0:
                continue  # nullary primitives are constants; none registered needs enumeration
            mins = [self._min_param_cost(q) for q in p.params]
            if sum(mins) > rest:
                continue
            for split in _compositions(rest, mins):
                lists = [self._options(q, c) for q, c in zip(p.params, split)]
                if any(not lst for lst in lists):
                    continue
                for combo in itertools.product(*lists):
                    if self.clock.now() > deadline:
                        return True
                    if self._apply(p, combo, level, n, on_grid):
                        return True
        return False

    def _apply(self, p: Primitive, combo: tuple[Expr, ...], level: int, n: int,
               on_grid: Callable[[Expr], bool]) -> bool:
        self.stats.candidates += 1
        self.clock.tick()
        fn = p.fn
        vals = []
        t0 = time.perf_counter()
        try:
            for i in range(n):
                args = [self.closure(e.node, i) if e.vals is None else e.vals[i] for e in combo]
                v = fn(*args)
                check_value(p.name, v)
                vals.append(v)
        except Exception:  # DSLError, or a primitive that cannot apply to these values
            self.stats.failures += 1
            return False
        finally:
            name = p.name
            self.time_sum[name] = self.time_sum.get(name, 0.0) + time.perf_counter() - t0
            self.time_n[name] = self.time_n.get(name, 0) + 1
        e = Expr(Call(p.name, tuple(x.node for x in combo)), level, tuple(vals))
        if not self._add(p.ret, e):
            return False
        if p.ret == GRID:
            self._track_near_miss(e)
            return on_grid(e)
        if self._on_value is not None:
            return self._on_value(e, p.ret)
        return False

    def _track_near_miss(self, e: Expr) -> None:
        outs = self.ctx.outputs
        vals = e.vals
        assert vals is not None
        right = total = 0
        for v, o in zip(vals, outs):
            if v.shape != o.shape:
                return
            right += int(np.count_nonzero(v.a == o.a))
            total += o.a.size
        acc = right / total
        nm = self.near_misses
        if len(nm) < self.cfg.near_miss_keep or acc > nm[-1][0]:
            nm.append((acc, e))
            nm.sort(key=lambda x: (-x[0], x[1].cost))
            del nm[self.cfg.near_miss_keep:]

    def entries(self, t: BaseType) -> Iterator[Expr]:
        """Every stored entry of a type, cheapest first."""
        for c in sorted(self.levels.get(t, {})):
            yield from self.levels[t][c]


def _compositions(total: int, mins: list[int]) -> Iterator[tuple[int, ...]]:
    """Ways to write `total` as an ordered sum with part i >= mins[i]."""
    k = len(mins)
    if k == 1:
        if total >= mins[0]:
            yield (total,)
        return
    rest_min = sum(mins[1:])
    for first in range(mins[0], total - rest_min + 1):
        for tail in _compositions(total - first, mins[1:]):
            yield (first, *tail)


__all__ = ["Enumerator", "EnumConfig", "EnumStats", "Expr"]
