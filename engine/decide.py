"""The decide stage: the answers ranked, and up to `attempts` distinct predictions per test input."""
from __future__ import annotations

from arcsynth.config import SolverConfig
from arcsynth.core.candidates import Candidate
from arcsynth.core.score import Score
from arcsynth.core.task import Task
from arcsynth.dsl.grid import Grid
from arcsynth.state import SolveState


class Decide:
    """Programs by posterior (ties: the shorter); the answers without a program (cell rules, then MaxSAT grids)
    right after the best program, scored as the worst program; the first distinct predictions are the attempts."""

    name = "decide"

    def enabled(self, config: SolverConfig) -> bool:
        return True

    def run(self, state: SolveState) -> None:
        assert state.answers is not None
        ranked = state.answers.ranked()
        worst = ranked[-1].score.neg_log_posterior if ranked else 0.0
        extra = [Candidate(desc, None, preds, Score(worst, 0), source)
                 for source, answers in state.grid_answers for desc, preds in answers]
        state.candidates = ranked[:1] + extra + ranked[1:]
        state.attempts = attempts(state.task, state.candidates, state.config.attempts)


def attempts(task: Task, cands: list[Candidate], k: int) -> list[list[Grid]]:
    """Per test input, up to k distinct predictions, best first; the input itself as last resort."""
    out: list[list[Grid]] = []
    for i, pair in enumerate(task.test):
        seen: list[Grid] = []
        for c in cands:
            g = c.predictions[i]
            if g not in seen:
                seen.append(g)
            if len(seen) == k:
                break
        if not seen:
            seen.append(pair.input)
        out.append(seen)
    return out


__all__ = ["Decide", "attempts"]
