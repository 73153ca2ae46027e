"""Fitting the prior's primitive weights to a library of solved tasks (the reference solutions).

weight(p) = number of library programs that use p + a smoothing constant, times the primitive's own
weight (document frequency, so one long program does not dominate). When the solver works on a task that is itself in the library, that task's program is left out
of the counts (leave-one-out), so a task never sees its own solution through the prior.
"""
from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path
from typing import Optional

from arcsynth.core.paths import SOLUTIONS_DIR
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grammar import parse
from arcsynth.dsl.library import list_solutions, read_program
from arcsynth.dsl.program import primitives_used
from arcsynth.dsl.registry import REGISTRY

DEFAULT_LIBRARY = SOLUTIONS_DIR


class FittedWeights:
    """Primitive counts over a solutions library, with leave-one-out weights."""

    def __init__(self, per_task: dict[str, Counter], smoothing: float = 0.3, strength: float = 1.0):
        self.per_task = per_task
        self.total: Counter = Counter()
        for c in per_task.values():
            self.total.update(c)
        self.smoothing = smoothing
        self.strength = strength

    @classmethod
    def from_dir(cls, directory: Path = DEFAULT_LIBRARY, **kw: float) -> "FittedWeights":
        per_task: dict[str, Counter] = {}
        for tid, path in list_solutions(directory).items():
            try:
                per_task[tid] = Counter({p for p in primitives_used(parse(read_program(path))) if p in REGISTRY})
            except DSLError:
                continue  # a stale file; `arcsynth check` reports it
        return cls(per_task, **kw)

    def weights(self, exclude: Optional[str] = None) -> dict[str, float]:
        """Weight per primitive (counts + smoothing, scaled by the registered weight); `exclude` leaves a task out."""
        counts = self.total
        if exclude is not None and exclude in self.per_task:
            counts = counts - self.per_task[exclude]
        return {name: (counts.get(name, 0) * self.strength + self.smoothing) * p.weight for name, p in REGISTRY.items()}


@functools.lru_cache(maxsize=4)
def default_fitted(directory: str = str(DEFAULT_LIBRARY)) -> FittedWeights:
    """Fitted weights over the shipped reference solutions (parsed once per process)."""
    return FittedWeights.from_dir(Path(directory))
