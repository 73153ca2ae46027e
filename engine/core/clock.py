"""The clock a solve's time decisions read: wall seconds (default) or work seconds.

Every deadline and time share of a solve (how long the main search runs, when the augmented searches start,
how much the object-wise searches may take, ...) is decided on its `Clock`. On the wall clock the same task can
find a program in one run and miss it in the next when the machine is busier; on the *work* clock one second is
`WORK_RATE` enumerated candidates (the enumerators, beam, MCTS and exemplar trials each `tick` it per candidate
they evaluate), so a solve does the same work in the same order whatever the load: runs repeat exactly and two
configurations compared at one budget get the same search (`--clock work`; the measurement protocol's budgets
stay wall seconds). Code that only knows wall time (SAT calls, the LLM proposer, interpreter limits) gets a wall
deadline with `to_wall`; what the solver reports as seconds stays wall time.

Work that evaluates no candidates (the cell rules, the MaxSAT stage) takes no work time. Sampling LLM proposals is
charged its wall seconds (`spend`): it is what the proposer costs, so a run with it and one without compare at
equal budget. A solve on the work clock still ends within WALL_FACTOR × its budget of wall time: past that, the
clock jumps far ahead so every deadline has passed (on arc1-training 1% of tasks run below 2,800 candidates/s; only
tasks slower than WORK_RATE / WALL_FACTOR = 2,000 candidates/s reach the cap, and only there does the load matter).

Each solve has its own Clock, so two solves in one process keep separate time.
"""
from __future__ import annotations

import math
import time

#: Enumerated candidates per work second: about the median rate of the main search on this 2-core machine.
WORK_RATE = 8000.0
#: A solve on the work clock ends within this many times its budget of wall time.
WALL_FACTOR = 4.0
CLOCKS = ("wall", "work")
#: How far the work clock jumps at the wall cap: past any deadline, yet finite (traces stay valid JSON).
_PAST_EVERY_DEADLINE = 1e6


class Clock:
    """Seconds for one solve of `budget` seconds that starts now, on wall time or on work done ("wall" or "work")."""

    def __init__(self, mode: str = "wall", budget: float = math.inf):
        if mode not in CLOCKS:
            raise ValueError(f"unknown clock {mode!r}; choose one of {', '.join(CLOCKS)}")
        self.mode = mode
        self.ticks = 0                   # candidates evaluated since the clock started
        self._work = 0                   # ticks plus work charged with spend(), in candidates
        self._wall_cap = time.monotonic() + WALL_FACTOR * budget
        # The work clock starts at 0 for every solve, so its deadlines are the same floats in every run.
        self.now = time.monotonic if mode == "wall" else self._work_now

    def _work_now(self) -> float:
        return self._work / WORK_RATE + (_PAST_EVERY_DEADLINE if time.monotonic() > self._wall_cap else 0.0)

    def tick(self, n: int = 1) -> None:
        """Count n candidates evaluated (advances the work clock)."""
        self.ticks += n
        self._work += n

    def spend(self, seconds: float) -> None:
        """Charge wall seconds of work that enumerates nothing (on the work clock: WORK_RATE candidates a second)."""
        if self.mode == "work" and seconds > 0:
            self._work += int(round(seconds * WORK_RATE))

    def to_wall(self, deadline: float) -> float:
        """The wall-clock (time.monotonic) deadline for code that measures wall time: the same remaining seconds."""
        return deadline if self.mode == "wall" else time.monotonic() + (deadline - self.now())


__all__ = ["Clock", "WORK_RATE", "WALL_FACTOR", "CLOCKS"]
