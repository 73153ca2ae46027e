"""Goal inversion of cheap final steps (engine/search/inverse.py)."""
from __future__ import annotations

import numpy as np

from arcsynth.config import SearchConfig
from arcsynth.core.context import SearchContext
from arcsynth.core.task import Pair, Task
from arcsynth.dsl import Grid, parse, run_program
from arcsynth.dsl.program import INPUT, Call
from arcsynth.dsl.registry import REGISTRY
from arcsynth.search.inverse import InverseGoals, steps_for
from arcsynth.solver import Solver, SolverConfig


def _task(program: str, grids: list[np.ndarray], n_test: int = 1) -> Task:
    pairs = [Pair(Grid(g), run_program(program, Grid(g))) for g in grids]
    return Task("inv", tuple(pairs[:-n_test]), tuple(pairs[-n_test:]))


def test_every_step_recovers_its_argument() -> None:
    rng = np.random.default_rng(0)
    x = Grid(rng.integers(0, 10, size=(3, 4)).astype(np.int8))
    i = Grid(rng.integers(0, 10, size=(3, 4)).astype(np.int8))
    ctx = SearchContext.from_task(Task("t", (Pair(i, Grid(np.full((5, 6), 7, dtype=np.int8))),), ()))
    steps = steps_for(ctx)
    assert {"rot90", "upscale2", "tile2x3", "mirror_tile", "hconcat-vmirror", "vconcat-input-first", "pad1-7"} <= {s.name for s in steps}
    for s in steps:
        out = s.fwd(x, i)
        assert s.pre(out, i) == x, s.name
        # The wrapped program computes what the forward map does (here X is the whole input).
        prog = s.wrap(parse("crop(I, (0, 0), (3, 4))"))
        assert run_program(prog, x) == s.fwd(x, x), s.name


def test_a_preimage_value_yields_the_train_exact_program() -> None:
    rng = np.random.default_rng(1)
    grids = [rng.integers(0, 3, size=(int(rng.integers(2, 5)), int(rng.integers(2, 5)))).astype(np.int8) for _ in range(4)]
    task = _task("upscale(rot90(I), 2)", grids)
    ctx = SearchContext.from_task(task)
    goals = InverseGoals(ctx)
    assert "upscale2" in goals.names
    node = parse("rot90(I)")
    vals = tuple(run_program(node, g) for g in ctx.inputs)
    hits = goals.check(node, vals)
    assert hits, goals.names
    prog, full = hits[0]
    assert str(prog) == "upscale(rot90(I), 2)"
    assert full == tuple(run_program(prog, g) for g in ctx.inputs)
    assert goals.check(parse("rot180(I)"), tuple(run_program(parse("rot180(I)"), g) for g in ctx.inputs)) == []


def test_steps_that_change_nothing_are_left_to_the_direct_goal() -> None:
    sym = np.array([[1, 2, 1], [3, 4, 3], [1, 2, 1]], dtype=np.int8)  # fixed by both mirrors and by rot180
    task = _task("I", [sym, sym.T.copy()])
    names = InverseGoals(SearchContext.from_task(task)).names
    assert "hmirror" not in names and "vmirror" not in names and "rot180" not in names


def test_solver_finds_a_program_through_its_final_step() -> None:
    rng = np.random.default_rng(2)
    grids = []
    for _ in range(4):
        a = np.zeros((7, 7), dtype=np.int8)
        r, c = (int(v) for v in rng.integers(0, 4, size=2))
        a[r:r + 3, c:c + 3] = rng.integers(1, 5, size=(3, 3))
        grids.append(a)
    task = _task("tile(crop_content(I), 2, 3)", grids)
    res = Solver(SolverConfig(budget=6.0, search=SearchConfig(augment=())).disable("memory", "maxsat")).solve(task)
    assert res.attempts[0][0] == task.test[0].output
    assert res.trace["search"]["inverse"]["hits"] >= 1


def test_a_factor_that_varies_by_pair_waits_for_its_int_expression() -> None:
    grids = [np.array(g, dtype=np.int8) for g in ([[1, 0], [0, 1]], [[1, 2], [3, 0]], [[5, 5], [0, 2]], [[1, 2], [3, 4]])]
    task = _task("upscale(I, num_colours(I))", grids)
    ctx = SearchContext.from_task(task)
    goals = InverseGoals(ctx)
    assert "upscale-by" in goals.names
    x_vals = ctx.inputs
    assert goals.check(parse("I"), x_vals) == []          # X found first: it waits for its factor
    k = Call("num_colours", (INPUT,))
    hits = goals.check_int(k, tuple(REGISTRY["num_colours"].fn(g) for g in ctx.inputs))
    assert [str(p) for p, _ in hits] == ["upscale(I, num_colours(I))"]
    assert hits[0][1] == tuple(run_program(hits[0][0], g) for g in ctx.inputs)
    wrong = Call("width", (INPUT,))
    assert goals.check_int(wrong, tuple(REGISTRY["width"].fn(g) for g in ctx.inputs)) == []


def test_kron_of_a_grid_with_itself_is_inverted() -> None:
    grids = [np.array(g, dtype=np.int8) for g in ([[3, 0], [3, 3]], [[0, 4, 0], [4, 4, 4], [0, 4, 0]], [[2, 2], [0, 2]])]
    names = InverseGoals(SearchContext.from_task(_task("kron(I, I)", grids))).names
    assert "kron-self" in names
