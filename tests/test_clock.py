"""The work clock (engine/core/clock.py) and the budget policy (engine/budget.py): deadlines counted in enumerated
candidates, so solves repeat exactly."""
from __future__ import annotations

import time

import pytest

from arcsynth.budget import Budget
from arcsynth.config import SolverConfig
from arcsynth.core.clock import WORK_RATE, Clock
from arcsynth.core.task import find_task
from arcsynth.solver import Solver


def test_work_clock_counts_ticks_from_its_start() -> None:
    clock = Clock("work", budget=10.0)
    assert clock.now() == 0.0
    clock.tick(int(WORK_RATE))
    assert clock.now() == pytest.approx(1.0) and clock.ticks == int(WORK_RATE)
    wall = clock.to_wall(clock.now() + 2.0)
    assert wall == pytest.approx(time.monotonic() + 2.0, abs=0.05)
    capped = Clock("work", budget=0.0)  # the wall cap is reached at once: every deadline has passed
    time.sleep(0.001)
    assert capped.now() > 1e5
    wall_clock = Clock()
    t = wall_clock.now()
    assert abs(t - time.monotonic()) < 0.05 and wall_clock.to_wall(t + 1.0) == t + 1.0


def test_spent_wall_seconds_count_on_the_work_clock_only() -> None:
    clock = Clock("work", budget=10.0)
    clock.spend(0.25)  # e.g. sampling LLM proposals: charged as the search it displaces
    assert clock.now() == pytest.approx(0.25) and clock.ticks == 0
    wall = Clock("wall")
    t = time.monotonic()
    wall.spend(5.0)  # the wall clock measures it already
    assert abs(wall.now() - t) < 0.05


def test_two_clocks_keep_separate_time() -> None:
    a, b = Clock("work", 10.0), Clock("work", 10.0)
    a.tick(800)
    assert a.now() == pytest.approx(0.1) and b.now() == 0.0


def test_unknown_clock_is_an_error_that_names_the_choices() -> None:
    with pytest.raises(ValueError, match="wall, work"):
        Clock("cpu")
    with pytest.raises(ValueError, match="wall, work"):
        SolverConfig(clock="cpu")


def test_budget_windows_and_the_consensus_reserve() -> None:
    clock = Clock("work", 10.0)
    budget = Budget(clock, 10.0)
    assert budget.window(0.1) == pytest.approx(1.0) and budget.search_end == 10.0
    clock.tick(int(9.5 * WORK_RATE))
    assert budget.window(0.1) == pytest.approx(10.0)  # no later than the end
    budget.take_reserve(0.02, 1.0)
    assert budget.search_end == pytest.approx(9.8) and budget.window(0.1) == pytest.approx(9.8)
    assert budget.may_stop_early(0.5) and not Budget(Clock("work", 10.0), 10.0).may_stop_early(0.5)
    big = Budget(Clock("work", 100.0), 100.0)
    big.take_reserve(0.02, 1.0)  # 2 s would be the share: at most 1 s
    assert big.search_end == pytest.approx(99.0)


def test_solves_on_the_work_clock_repeat_exactly() -> None:
    # a65b410d has no program within this budget: the search runs to its deadlines, which on the work clock
    # are candidate counts, so both runs (and any run on any machine) evaluate the same candidates.
    task = find_task("a65b410d", ["arc1-training"])
    runs = []
    for _ in range(2):
        s = Solver(SolverConfig(clock="work").disable("memory", "propose"))
        r = s.solve(task, budget=0.5)
        st = r.trace["search"]
        runs.append((st["candidates"], st["kept"], st["max_level"], st.get("augment"),
                     [c.program for c in r.candidates]))
    assert runs[0] == runs[1]
    # 70% of the budget for the main search (the rest for augmented copies), at WORK_RATE candidates a second
    assert runs[0][0] == pytest.approx(0.7 * 0.5 * WORK_RATE, abs=5)
