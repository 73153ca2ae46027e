"""Running a program on a task's pairs and checking it: the one place that decides whether a program fits.

`verify` gives the full verdict on a task (every pair, with known test outputs); `fitted_values` is the search's
check of a program it built (its values on every input when it reproduces the train outputs); `run_on` runs a
program cheaply on some inputs, giving up at the first output of the wrong shape (or the first wrong output).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from arcsynth.core.task import Task
from arcsynth.dsl import DSLError, Grid, Limits, Node, check, evaluate, parse, run_program


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


def fitted_values(node: Node, inputs: Sequence[Grid], outputs: Sequence[Grid],
                  limits: Limits = Limits()) -> Optional[tuple[Grid, ...]]:
    """The program's output on every input (train inputs first, one per train output) when it runs on all of them
    and reproduces every train output; None otherwise."""
    try:
        vals = tuple(run_program(node, g, limits) for g in inputs)
    except DSLError:
        return None
    return vals if all(vals[i] == o for i, o in enumerate(outputs)) else None


def run_on(node: Node, inputs: Sequence[Grid], limits: Limits, expect: Optional[Sequence[Grid]] = None,
           exact: bool = False) -> Optional[list[Grid]]:
    """Run an expression (not type-checked again) on inputs; with `expect`, stop at the first output of the wrong
    shape (or, with exact, the first wrong output). None on any failure or a value that is not a Grid."""
    out = []
    for i, g in enumerate(inputs):
        try:
            v = evaluate(node, g, limits)
        except Exception:  # DSLError, or a primitive that cannot apply to this input
            return None
        if not isinstance(v, Grid):
            return None
        if expect is not None and i < len(expect) and (v.shape != expect[i].shape or (exact and v != expect[i])):
            return None
        out.append(v)
    return out
