"""The cellrules stage: local cell rules learned from the train pairs (engine/cellrules/induce.py) answer without a
program; the decision ranks them right after the best program."""
from __future__ import annotations

import time

from arcsynth.cellrules.induce import induce
from arcsynth.config import SolverConfig
from arcsynth.state import SolveState


class CellRules:
    """Induce rules that pass leave-one-out on the train pairs and cover every test input."""

    name = "cellrules"

    def enabled(self, config: SolverConfig) -> bool:
        return config.cellrules.enabled

    def run(self, state: SolveState) -> None:
        task, clock = state.task, state.clock
        started = clock.now()
        rules, stats = induce([(p.input, p.output) for p in task.train], [p.input for p in task.test],
                              clock.to_wall(state.budget.end), state.config.attempts)
        state.trace["cellrule"] = stats.as_dict()
        if rules:  # a train-exact answer (without a program) from here on
            state.trace["cellrule"]["found_at_s"] = round(time.monotonic() - state.started, 4)
            state.grid_answers.append(("cellrule", rules))
        state.budget.stage_seconds += clock.now() - started


__all__ = ["CellRules"]
