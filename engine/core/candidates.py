"""The answers of one solve: train-exact programs found by any stage, one per distinct test prediction, and the
program-less answers (cell rules, MaxSAT grids) that the decision ranks among them."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Optional

from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior, Score, log_likelihood
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.program import Node, size

#: A stage's report of a train-exact program: (program, its values on every input, source, weak) -> stop?
Report = Callable[..., bool]


@dataclass
class Candidate:
    """An answer that reproduces every train output: its predictions for the test inputs, score and source."""

    program: str
    node: Optional[Node]             # None for answers without a program (cell rules, MaxSAT grids)
    predictions: tuple[Grid, ...]    # one per test input
    score: Score
    source: str = "search"
    weak: bool = False               # found by colour-map completion: fits train but may not generalise

    @property
    def log_posterior(self) -> float:
        return self.score.log_posterior


class Answers:
    """Collects train-exact programs as stages report them (`report`): the best-scored program per distinct test
    prediction, when the first came, and whether the solve has enough to stop."""

    def __init__(self, ctx: SearchContext, prior: Prior, trace: dict, ticks: Callable[[], int],
                 enough: Callable[[int], bool], started: float):
        """`ticks`: candidates evaluated so far in this solve; `enough(n)`: whether n distinct answers let the
        solve stop early; `started`: the solve's start (time.monotonic) for the trace."""
        self.ctx, self.prior, self.trace = ctx, prior, trace
        self._ticks, self._enough, self._started = ticks, enough, started
        self.found: dict[tuple, Candidate] = {}

    def report(self, node: Node, vals: tuple, source: str, weak: bool = False) -> bool:
        """Record a program whose train values (the first n_train of `vals`) equal the train outputs; True when
        the solve has enough answers to stop."""
        nt = self.ctx.n_train
        preds = tuple(vals[nt:])
        key = tuple(hash(g) for g in preds)
        sc = Score(-(self.prior.log_prior(node) + log_likelihood(vals[:nt], self.ctx.outputs)), size(node))
        old = self.found.get(key)
        if old is None or sc < old.score:
            self.found[key] = Candidate(str(node), node, preds, sc, source, weak)
        if "first_solution_s" not in self.trace:
            self.trace["first_solution_s"] = round(time.monotonic() - self._started, 4)
            self.trace["candidates_before_solution"] = self._ticks()
        return self._enough(len(self.found))

    def ranked(self) -> list[Candidate]:
        """The programs found, best posterior first (ties: the shorter)."""
        return sorted(self.found.values(), key=lambda c: c.score)

    @property
    def only_weak(self) -> bool:
        """Whether nothing but colour-map completions (which often overfit the train colours) was found."""
        return all(c.weak for c in self.found.values())


__all__ = ["Candidate", "Answers", "Report"]
