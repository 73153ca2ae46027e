"""Object-wise decomposition (engine/search/objectwise.py): targets per object, predicates, lookup tables, solving."""
from __future__ import annotations

import time

import numpy as np

from arcsynth.config import SearchConfig
from arcsynth.core.clock import Clock
from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior
from arcsynth.core.task import Pair, Task
from arcsynth.dsl import Grid, parse, run_program
from arcsynth.dsl.program import INPUT, Call
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.types import INT
from arcsynth.search.objectwise import ObjectRecolourer, colour_function, object_targets, predicates
from arcsynth.solver import Solver, SolverConfig

# Bars of different lengths on black; the rule recolours each bar by its length.
BY_SIZE = "paint_map(I, components(I), recolor(_, colour_if(eq_int(obj_size(_), 2), 3, colour_if(eq_int(obj_size(_), 3), 2, 1))))"
# Only the single cells of colour 5 change (to 4); larger objects stay as they are.
SINGLES = "paint_map(I, filter_objs(components(I), eq_int(obj_size(_), 1)), recolor(_, 4))"


def _bars(rng: np.random.Generator, n: int) -> Grid:
    """A 9×9 black grid with n grey vertical bars of length 2–4 in distinct columns."""
    a = np.zeros((9, 9), dtype=np.int8)
    cols = rng.choice(np.arange(0, 9, 2), size=n, replace=False)
    for c in cols:
        ln = int(rng.integers(2, 5))
        top = int(rng.integers(0, 9 - ln + 1))
        a[top:top + ln, c] = 5
    return Grid(a)


def _task(program: str, seed: int, n_train: int = 3) -> Task:
    rng = np.random.default_rng(seed)
    pairs = []
    while len(pairs) < n_train + 1:
        g = _bars(rng, 4)
        sizes = {o.size for o in REGISTRY["components"].fn(g)}
        if sizes >= {2, 3, 4} or len(pairs) == n_train:
            pairs.append(Pair(g, run_program(program, g)))
    return Task(f"synthetic-{seed}", tuple(pairs[:n_train]), tuple(pairs[n_train:]))


def _ctx_objs(task: Task) -> tuple[SearchContext, tuple]:
    ctx = SearchContext.from_task(task)
    return ctx, tuple(REGISTRY["components"].fn(g) for g in ctx.inputs)


def test_targets_name_each_objects_output_colour() -> None:
    ctx, vals = _ctx_objs(_task(BY_SIZE, 1))
    tg = object_targets(vals, ctx)
    assert tg is not None and tg.all_changed
    sizes = [o.size for k in range(ctx.n_train) for o in vals[k]]
    assert list(tg.colour) == [{2: 3, 3: 2, 4: 1}[s] for s in sizes]


def test_targets_refuse_changes_outside_the_objects() -> None:
    task = _task(BY_SIZE, 2)
    p0 = task.train[0]
    out = p0.output.a.copy()
    out[0, 1] = 7  # a black cell (column 1 never holds a bar) changes: no object of components(I) explains it
    bad = Task(task.id, (Pair(p0.input, Grid(out)),) + task.train[1:], task.test)
    ctx, vals = _ctx_objs(bad)
    assert object_targets(vals, ctx) is None


def test_lookup_table_and_threshold_predicate() -> None:
    ctx, vals = _ctx_objs(_task(BY_SIZE, 3))
    tg = object_targets(vals, ctx)
    assert tg is not None
    sizes = tuple(o.size for v in vals for o in v)
    part = colour_function(parse("canvas(0, (1, 1))").args[0], INT, sizes, tg, list(range(tg.n_train_items)))  # type: ignore[attr-defined]
    assert part is not None
    node, vec = part
    assert "colour_if" in str(node)
    assert vec[: tg.n_train_items] == tg.colour
    # a threshold separates objects of 3+ cells from smaller ones
    ctx2, vals2 = _ctx_objs(_task("paint_map(I, filter_objs(components(I), lt_int(2, obj_size(_))), recolor(_, 8))", 4))
    tg2 = object_targets(vals2, ctx2)
    assert tg2 is not None and not tg2.all_changed
    sizes2 = tuple(o.size for v in vals2 for o in v)
    feature = Call("obj_size", (INPUT,))
    found = [str(n) for n, vec2 in predicates(feature, INT, sizes2, tg2) if vec2[: tg2.n_train_items] == tg2.changed]
    assert found and ("lt_int" in found[0] or "eq_int" in found[0])


def test_recolourer_finds_a_verified_program() -> None:
    for program in (BY_SIZE, SINGLES):
        task = _task(program, 5) if program == BY_SIZE else _singles_task()
        ctx, vals = _ctx_objs(task)
        rec = ObjectRecolourer(ctx, Prior(), Clock(), span=20.0)
        hits = rec.check(Call("components", (INPUT,)), vals, time.monotonic() + 5.0)
        assert hits, program
        prog, res = hits[0]
        for k, p in enumerate(task.train):
            assert run_program(prog, p.input) == p.output == res[k]


def _singles_task() -> Task:
    rng = np.random.default_rng(7)
    pairs = []
    for _ in range(4):
        a = np.zeros((8, 8), dtype=np.int8)
        for _k in range(3):  # single cells
            r, c = rng.integers(0, 8, 2)
            a[r, c] = 5
        a[0:2, 5:7] = 5      # a 2×2 block that stays
        g = Grid(a)
        pairs.append(Pair(g, run_program(SINGLES, g)))
    return Task("singles", tuple(pairs[:3]), tuple(pairs[3:]))


def test_solver_uses_the_decomposition_and_can_turn_it_off() -> None:
    task = _task(BY_SIZE, 6)
    on = Solver(SolverConfig(budget=6.0, search=SearchConfig(augment=())).disable("memory", "maxsat")).solve(task)
    assert on.attempts[0][0] == task.test[0].output
    assert "objectwise" in on.trace["search"]
    off = Solver(SolverConfig(budget=0.5, search=SearchConfig(augment=(), objectwise=False)).disable("memory", "maxsat")).solve(task)
    assert "objectwise" not in off.trace["search"]


def test_region_recolouring_fills_each_objects_holes_by_size() -> None:
    """Rings whose hole is filled with a colour set by the ring's size: the painted region is delta(_)."""
    program = ("paint_map(I, components(I), recolor(to_obj(delta(_), I), "
               "colour_if(eq_int(obj_size(_), 8), 2, 3)))")
    rng = np.random.default_rng(11)
    pairs = []
    for _ in range(4):
        a = np.zeros((12, 12), dtype=np.int8)
        spots = rng.permutation([(0, 0), (0, 6), (6, 0), (6, 6)])[:3]
        for k, (r, c) in enumerate(spots):
            side = 3 if k % 2 == 0 else 4  # a 3×3 ring has 8 cells, a 4×4 ring 12
            a[r:r + side, c:c + side] = 5
            a[r + 1:r + side - 1, c + 1:c + side - 1] = 0
        g = Grid(a)
        pairs.append(Pair(g, run_program(program, g)))
    task = Task("rings", tuple(pairs[:3]), tuple(pairs[3:]))
    ctx, vals = _ctx_objs(task)
    rec = ObjectRecolourer(ctx, Prior(), Clock(), span=20.0)
    tg = rec._targets(vals)
    assert tg is not None and tg.region == "delta"
    hits = rec.check(Call("components", (INPUT,)), vals, time.monotonic() + 5.0)
    assert hits
    prog, _res = hits[0]
    assert run_program(prog, task.test[0].input) == task.test[0].output
