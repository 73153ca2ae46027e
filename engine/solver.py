"""The Solver: loads what every solve needs once, then runs each solve through the pipeline (engine/pipeline.py).

`arcsynth.solve(task, budget=...)` for one task, `arcsynth.Solver(SolverConfig(...))` for many. A Solver keeps
no per-solve state: each solve has its own SolveState, clock and budget, so one Solver may run solves in several
threads at once.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Optional

from arcsynth import pipeline
from arcsynth.budget import Budget
from arcsynth.config import SolverConfig
from arcsynth.core.candidates import Candidate
from arcsynth.core.clock import Clock
from arcsynth.core.task import Task
from arcsynth.dsl.grammar import parser
from arcsynth.dsl.grid import Grid
from arcsynth.lm.proposer import ProposerError, load_proposer
from arcsynth.memory_glue.store import recall_for, warm
from arcsynth.sat.encode import load_sat_solver
from arcsynth.search.prior import default_fitted
from arcsynth.search.speed import speed_table
from arcsynth.state import Loaded, SolveState


@dataclass
class SolveResult:
    """Two (or fewer) attempts per test input, the answers behind them, and a trace of what each stage did."""

    task_id: str
    attempts: list[list[Grid]]       # per test input: up to `attempts` distinct grids, best first
    candidates: list[Candidate]
    seconds: float                   # wall seconds
    source: str                      # search|llm|maxsat|cellrule|memory|none: where the first answer came from
    trace: dict = field(default_factory=dict)

    @property
    def program(self) -> Optional[str]:
        return self.candidates[0].program if self.candidates else None


def warm_caches(config: SolverConfig) -> Loaded:
    """Load, once per process, what every solve with this config needs: the parser, the speed table, the fitted
    prior (it parses every reference solution), the SAT solver, memory's store (a corrupt or foreign store raises
    MemoryStoreError here), and the proposer model (torch and the weights: seconds; when it cannot be loaded, why
    is kept, and each task's trace says it)."""
    parser()
    speed_table()
    if config.prior.fitted:
        default_fitted()
    if config.maxsat.enabled:
        load_sat_solver()
    if config.memory.enabled:
        warm(config.memory)
    if config.propose.enabled:
        try:
            return Loaded(load_proposer(config.propose.model))
        except ProposerError as e:
            return Loaded(None, str(e))
    return Loaded()


class Solver:
    """A reusable solver: `solve(task)` runs the pipeline within the budget."""

    def __init__(self, config: SolverConfig = SolverConfig()):
        self.config = config
        # What every task needs is loaded here, once per process (cached), so it is never taken out of a task's
        # budget: on a cold machine the fitted prior alone took most of a 1 s budget.
        self.loaded = warm_caches(config)

    def solve(self, task: Task, budget: Optional[float] = None) -> SolveResult:
        """Predictions for the task's test inputs within `budget` seconds (the config's by default) on the
        configured clock."""
        seconds = self.config.budget if budget is None else budget
        started = time.monotonic()
        clock = Clock(self.config.clock, seconds)
        state = pipeline.run(SolveState(task, self.config, self.loaded, clock, Budget(clock, seconds), started))
        source = state.candidates[0].source if state.candidates else "none"
        return SolveResult(task.id, state.attempts, state.candidates, time.monotonic() - started, source, state.trace)

    def memory_examples(self, task: Task, n: int = 4) -> list[dict]:
        """Recalled exemplar programs for a task (most similar solved tasks first); [] when memory is off."""
        return recall_for(task, self.config.memory).examples(n) if self.config.memory.enabled else []


def solve(task: Task, budget: float = 10.0, **config: object) -> SolveResult:
    """Solve one task within `budget` seconds; keyword arguments set SolverConfig fields."""
    return Solver(dataclasses.replace(SolverConfig(budget=budget), **config)).solve(task)  # type: ignore[arg-type]


__all__ = ["Solver", "SolveResult", "SolverConfig", "solve", "warm_caches"]
