"""The work clock (engine/clock.py): deadlines counted in enumerated candidates, so solves repeat exactly."""
from __future__ import annotations

import time

import pytest

from arcsynth.core import clock
from arcsynth.solver import Solver, SolverConfig
from arcsynth.core.task import find_task


def test_work_clock_counts_ticks_from_the_start_of_a_solve() -> None:
    try:
        clock.tick(123)  # work done before this solve does not count
        clock.use("work", budget=10.0)
        assert clock.now() == 0.0
        clock.tick(int(clock.WORK_RATE))
        assert clock.now() == pytest.approx(1.0)
        wall = clock.to_wall(clock.now() + 2.0)
        assert wall == pytest.approx(time.monotonic() + 2.0, abs=0.05)
        clock.use("work", budget=0.0)  # the wall cap is reached at once: every deadline has passed
        assert clock.now() > 1e5
    finally:
        clock.use("wall")
    t = clock.now()
    assert abs(t - time.monotonic()) < 0.05 and clock.to_wall(t + 1.0) == t + 1.0


def test_spent_wall_seconds_count_on_the_work_clock_only() -> None:
    try:
        clock.use("work", budget=10.0)
        clock.spend(0.25)  # e.g. sampling LLM proposals: charged as the search it displaces
        assert clock.now() == pytest.approx(0.25)
    finally:
        clock.use("wall")
    t = time.monotonic()
    clock.spend(5.0)  # the wall clock measures it already
    assert abs(clock.now() - t) < 0.05


def test_unknown_clock_is_an_error_that_names_the_choices() -> None:
    with pytest.raises(ValueError, match="wall, work"):
        clock.use("cpu")


def test_solves_on_the_work_clock_repeat_exactly() -> None:
    # a65b410d has no program within this budget: the search runs to its deadlines, which on the work clock
    # are candidate counts, so both runs (and any run on any machine) evaluate the same candidates.
    task = find_task("a65b410d", ["arc1-training"])
    runs = []
    for _ in range(2):
        s = Solver(SolverConfig(use_memory=False, use_llm=False, clock="work"))
        r = s.solve(task, budget=0.5)
        st = r.trace["search"]
        runs.append((st["candidates"], st["kept"], st["max_level"], st.get("augment"),
                     [c.program for c in r.candidates]))
    assert runs[0] == runs[1]
    # 70% of the budget for the main search (the rest for augmented copies), at WORK_RATE candidates a second
    assert runs[0][0] == pytest.approx(0.7 * 0.5 * clock.WORK_RATE, abs=5)
    assert clock.mode() == "wall"  # back on wall time after a solve
