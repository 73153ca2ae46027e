"""The MaxSAT layer: CNF encoding, time bounds, UNSAT relaxation, mining and completion on real training tasks."""
from __future__ import annotations

import time

import numpy as np
import pytest

from arcsynth.budget import Budget
from arcsynth.core.clock import Clock
from arcsynth.dsl.grid import Grid
from arcsynth.sat.encode import Encoding, merge_equal
from arcsynth.sat.maxsat import (
    SatSession,
    StageLog,
    completion,
    consensus,
    consensus_grid,
    infer_colour_map_sat,
    posterior_weights,
)
from arcsynth.sat.mine import Mined, fit, grid_symmetries, mine


def _task(arc1_training, tid):  # type: ignore[no-untyped-def]
    return next(t for t in arc1_training if t.id == tid)


def _pairs(task):  # type: ignore[no-untyped-def]
    return [(p.input, p.output) for p in task.train]


def test_exactly_one_colour_per_cell() -> None:
    enc = Encoding()
    g = enc.grid("g", 3, 4, [1, 2, 5])
    res = enc.solve(5.0)
    assert res.status == "optimum"
    for cell in g.cells:
        assert sum(g.var(cell, c) in res.model for c in g.colours) == 1
    assert res.n_vars >= 3 * 4 * 3


def test_hard_equalities_propagate_and_soft_weights_decide() -> None:
    enc = Encoding()
    g = enc.grid("g", 1, 4, [0, 1, 2])
    enc.fix(g, (0, 0), 2)
    enc.equal_cells(g, [((0, 0), (0, 1)), ((0, 1), (0, 2))])
    enc.fix(g, (0, 3), 1, weight=3)
    enc.fix(g, (0, 3), 0, weight=5)
    res = enc.solve(5.0)
    assert g.decode(res.model).tolist() == [[2, 2, 2, 0]]
    assert res.cost == 3


def test_soft_equality_can_be_broken_at_its_cost() -> None:
    enc = Encoding()
    g = enc.grid("g", 1, 2, [3, 4])
    enc.fix(g, (0, 0), 3)
    enc.fix(g, (0, 1), 4, weight=10)
    enc.equal(g, (0, 0), g, (0, 1), weight=2)
    res = enc.solve(5.0)
    assert g.decode(res.model).tolist() == [[3, 4]] and res.cost == 2


def test_known_cells_and_merged_classes_keep_the_cnf_small() -> None:
    known = np.array([[7, -1, -1, -1]])
    merged = merge_equal(1, 4, [(0, 1), (1, 2)], known)
    assert merged is not None
    rep, known2 = merged
    enc = Encoding()
    g = enc.grid("g", 1, 4, [7, 8], known2, rep)
    assert g.free == [(0, 3)]
    res = enc.solve(5.0)
    out = g.decode(res.model).tolist()[0]
    assert out[:3] == [7, 7, 7]
    assert merge_equal(1, 2, [(0, 1)], np.array([[1, 2]])) is None  # two constants joined: inconsistent


def test_colour_counts() -> None:
    enc = Encoding()
    g = enc.grid("g", 3, 3, [0, 1])
    enc.colour_count(g, 1, 4, 4)
    for cell in g.cells:
        enc.fix(g, cell, 0, weight=1)
    res = enc.solve(5.0)
    assert int((g.decode(res.model).a == 1).sum()) == 4 and res.cost == 4


def test_unsat_hard_set_is_relaxed_and_reported() -> None:
    enc = Encoding()
    g = enc.grid("g", 1, 2, [1, 2])
    enc.fix(g, (0, 0), 1, group="rule a")
    enc.fix(g, (0, 0), 2, group="rule b")
    enc.equal(g, (0, 0), g, (0, 1), group="rule c")
    res = enc.solve(5.0)
    assert res.status == "relaxed" and res.ok
    assert set(res.relaxed) == {"rule a", "rule b", "rule c"}
    assert res.cost >= 1000  # one relaxed hard clause broken


def test_time_limit_is_respected_on_a_hard_instance() -> None:
    # pigeonhole: 11 pigeons (rows) in 10 holes (columns) is UNSAT and hard for resolution-based solvers
    n = 10
    enc = Encoding()
    g = enc.grid("php", n + 1, n, [0, 1])
    for i in range(n + 1):
        enc.count([g.var((i, j), 1) for j in range(n)], lo=1, group="pigeon")
    for j in range(n):
        enc.count([g.var((i, j), 1) for i in range(n + 1)], hi=1, group="hole")
    for cell in g.cells:
        enc.fix(g, cell, 0, weight=1)
    t0 = time.monotonic()
    res = enc.solve(0.5)
    took = time.monotonic() - t0
    assert took < 1.0
    assert res.status in ("timeout", "relaxed")  # never an exception


def test_mining_on_a_real_training_task(arc1_training) -> None:  # type: ignore[no-untyped-def]
    task = _task(arc1_training, "3631a71a")  # 30x30 mosaic, occluded by colour 9
    m = mine(_pairs(task))
    assert m.mode == "fill" and m.mask == 9 and m.mask_vanishes
    syms = {v.params for v in m.of_kind("symmetry") if v.hard}
    assert ("flip_rows", (2,)) in syms and ("flip_cols", (2,)) in syms and ("transpose", (0,)) in syms
    assert all(fam in grid_symmetries(task.train[0].output) for fam in ("flip_rows", "flip_cols", "transpose"))
    # the train inputs themselves break the symmetry where they are masked
    a = task.train[0].input.a
    f = fit(a, np.ones(a.shape, dtype=bool), "flip_rows", (2,), 0)
    assert f is not None and f.conflict > 0


def test_mining_finds_the_hidden_patch_mode(arc1_training) -> None:  # type: ignore[no-untyped-def]
    m = mine(_pairs(_task(arc1_training, "9ecd008a")))
    assert m.mode == "crop" and m.mask == 0


@pytest.mark.parametrize("tid", ["b8825c91", "0dfd9992", "ff805c23", "3345333e"])
def test_completion_solves_real_training_tasks(arc1_training, tid) -> None:  # type: ignore[no-untyped-def]
    task = _task(arc1_training, tid)
    log = StageLog()
    out = completion(_pairs(task), [p.input for p in task.test], time.monotonic() + 10, log)
    assert out, log.tried
    name, preds = out[0]
    assert [g.tolist() for g in preds] == [p.output.tolist() for p in task.test]
    assert any(c["status"] == "optimum" for c in log.cnf)
    assert all(c["status"] in ("optimum", "relaxed", "skipped") for c in log.cnf)


def test_completion_refuses_what_it_cannot_verify(arc1_training) -> None:  # type: ignore[no-untyped-def]
    task = _task(arc1_training, "4c5c2cf0")  # mirror around a marker: not a mask completion of the grid
    assert completion(_pairs(task), [p.input for p in task.test], time.monotonic() + 10) == []


def test_consensus_vote_and_verification() -> None:
    a = Grid([[1, 1], [2, 2]])
    b = Grid([[1, 3], [2, 2]])
    got = consensus_grid([(a, 5), (b, 2), (b, 2)], Mined(), a, 5.0)
    assert got == a
    assert posterior_weights([-10.0, -10.0])[0] == posterior_weights([-10.0, -10.0])[1]
    # two near misses, each wrong on a different pair; the heavier one is right where they disagree on pair 0
    i0, i1, t0 = Grid([[0, 0]]), Grid([[0, 1]]), Grid([[1, 1]])
    o0, o1 = Grid([[5, 5]]), Grid([[5, 6]])
    good = (-10.0, (o0, o1, Grid([[6, 6]])))
    bad = (-30.0, (Grid([[5, 4]]), o1, Grid([[6, 4]])))
    preds = consensus([good, bad], 2, [i0, i1], [o0, o1], [t0], time.monotonic() + 5, Mined())
    assert preds == [Grid([[6, 6]])]
    wrong = (-10.0, (Grid([[5, 4]]), o1, t0))
    assert consensus([wrong, bad], 2, [i0, i1], [o0, o1], [t0], time.monotonic() + 5, Mined()) is None


def test_colour_map_inference_keeps_maps_injective() -> None:
    src = [Grid([[1, 2], [2, 1]])]
    tgt = [Grid([[2, 1], [1, 2]])]
    m = infer_colour_map_sat(src, tgt, [3], 5.0)
    assert m is not None and m[1] == 2 and m[2] == 1 and m[3] == 3
    m2 = infer_colour_map_sat([Grid([[1, 4]])], [Grid([[3, 4]])], [3], 5.0)
    assert m2 is not None and m2[1] == 3 and m2[3] == 1  # 3 cannot stay 3 (1 maps there): it takes vacated 1
    assert infer_colour_map_sat([Grid([[1, 1]])], [Grid([[2, 3]])], [], 5.0) is None


def test_stage_offers_verified_completion_only(arc1_training) -> None:  # type: ignore[no-untyped-def]
    task = _task(arc1_training, "b8825c91")
    st = SatSession(_pairs(task), [p.input for p in task.test])
    st.before_search(time.monotonic() + 10, 2)
    assert st.found and st.found[0].predictions[0] == task.test[0].output
    assert st.trace()["offered"]
    other = _task(arc1_training, "007bbfb7")  # no completion structure: nothing offered, nothing mined
    st2 = SatSession(_pairs(other), [p.input for p in other.test])
    st2.before_search(time.monotonic() + 10, 2)
    assert not st2.found and st2._mined is None


def test_solver_uses_maxsat_only_when_enabled(arc1_training) -> None:  # type: ignore[no-untyped-def]
    from arcsynth.solver import Solver, SolverConfig
    task = _task(arc1_training, "b8825c91")
    res = Solver(SolverConfig(budget=6).disable("memory")).solve(task)  # cold caches take ~2 s of it
    assert "maxsat" in res.trace
    assert any(c.source == "maxsat" for c in res.candidates)
    assert task.test[0].output in res.attempts[0]
    off = Solver(SolverConfig(budget=1).disable("memory", "maxsat")).solve(task)
    assert "maxsat" not in off.trace and all(c.source != "maxsat" for c in off.candidates)


def test_colour_mapped_near_miss_maps_test_only_colours() -> None:
    from arcsynth.sat.maxsat import colour_mapped
    # train: 1 -> 2 (and 3 stays); the test prediction also holds 2, which train never showed
    near = [(-5.0, (Grid([[1, 3]]), Grid([[1, 3, 2]])))]
    assert colour_mapped(near, [Grid([[2, 3]])], time.monotonic() + 5) == [(Grid([[2, 3, 1]]),)]
    assert colour_mapped([(-5.0, (Grid([[1, 3]]), Grid([[1, 3]])))], [Grid([[2, 3]])], time.monotonic() + 5) == []


def test_extend_mode_uses_predicted_output_shapes(arc1_training) -> None:  # type: ignore[no-untyped-def]
    from arcsynth.core.context import SearchContext
    task = _task(arc1_training, "3af2c5a8")  # the input is the top-left quarter of a mirror-symmetric output
    ctx = SearchContext.from_task(task)
    m = mine(_pairs(task))
    assert m.mode == "extend" and m.anchor == "top-left"
    out = completion(_pairs(task), [p.input for p in task.test], time.monotonic() + 10, mined=m, shapes=ctx.out_shapes)
    assert out and out[0][1][0] == task.test[0].output
    assert completion(_pairs(task), [p.input for p in task.test], time.monotonic() + 10, mined=m) == []  # no shapes


def test_the_main_search_window_is_the_same_with_or_without_the_maxsat_stage() -> None:
    def main_end(stage: float, reserve_share: float, augment: float) -> float:
        budget = Budget(Clock("work", 10.0), 10.0)  # starts at 0 on the work clock
        budget.stage_seconds = stage
        budget.take_reserve(reserve_share, 1.0)
        return budget.main_search_end(augment)
    # The main search starts after the stage (0.03 s) in one arm and at once in the other; both run 7 s.
    with_sat, without = main_end(0.03, 0.02, 0.3), main_end(0.0, 0.0, 0.3)
    assert abs((with_sat - 0.03) - without) < 1e-9 and abs(without - 7.0) < 1e-9
    # Without augmentation the main search runs to the end (less the consensus reserve of 0.2 s).
    assert abs(main_end(0.03, 0.02, 0.0) - 9.8) < 1e-9 and main_end(0.0, 0.0, 0.0) == 10.0
    # A long stage cannot push the main search past the end of the search time.
    assert abs(main_end(5.0, 0.02, 0.3) - 9.8) < 1e-9
