"""Running a program on a task's pairs and checking it: the one place that decides whether a program fits."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from arcsynth.dsl import DSLError, Grid, Limits, Node, check, parse, run_program

from arcsynth.core.task import Task


@dataclass
class Verdict:
    """Outcome of one program on one task: per-pair matches, predictions, and the first error if any."""

    program: str
    train_ok: list[bool] = field(default_factory=list)
    test_ok: list[Optional[bool]] = field(default_factory=list)  # None where the test output is unknown
    predictions: list[Optional[Grid]] = field(default_factory=list)
    error: Optional[str] = None

    @property
    def fits_train(self) -> bool:
        return bool(self.train_ok) and all(self.train_ok)

    @property
    def solves(self) -> bool:
        """Exact on every train pair and every known test output."""
        return self.fits_train and all(ok is not False for ok in self.test_ok) and self.error is None


def verify(program: str | Node, task: Task, limits: Limits = Limits()) -> Verdict:
    """Run a program on every train and test input of a task and compare with the known outputs."""
    text = program if isinstance(program, str) else str(program)
    v = Verdict(text)
    try:
        node = parse(program) if isinstance(program, str) else program
        check(node)
    except DSLError as e:
        v.error = str(e)
        return v
    for p in task.train:
        try:
            v.train_ok.append(run_program(node, p.input, limits) == p.output)
        except DSLError as e:
            v.train_ok.append(False)
            v.error = v.error or f"train: {e}"
    for p in task.test:
        try:
            out = run_program(node, p.input, limits)
        except DSLError as e:
            v.predictions.append(None)
            v.test_ok.append(False if p.output is not None else None)
            v.error = v.error or f"test: {e}"
            continue
        v.predictions.append(out)
        v.test_ok.append(None if p.output is None else out == p.output)
    return v
