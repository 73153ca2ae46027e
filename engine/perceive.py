"""The perceive stage: the task's search context, memory's nearest solved tasks, and the scoring prior."""
from __future__ import annotations

from arcsynth.config import SolverConfig
from arcsynth.core.candidates import Answers
from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior
from arcsynth.dsl.registry import REGISTRY
from arcsynth.memory_glue.store import biased_weights, recall_for
from arcsynth.search.prior import default_fitted
from arcsynth.state import SolveState


class Perceive:
    """Context, recall and prior; sets up the collector of answers every later stage reports to."""

    name = "perceive"

    def enabled(self, config: SolverConfig) -> bool:
        return True

    def run(self, state: SolveState) -> None:
        cfg = state.config
        if cfg.memory.enabled:
            rec = recall_for(state.task, cfg.memory)
            state.recall = rec if rec else None
        state.prior = scoring_prior(state)
        state.search_prior = state.prior
        state.ctx = SearchContext.from_task(state.task)
        state.trace.update({"strategy": cfg.search.strategy, "out_shapes_predicted": state.ctx.out_shapes is not None})
        budget, search = state.budget, cfg.search

        def enough(n: int) -> bool:
            """Enough distinct answers to stop: max_solutions, or `attempts` once stop_share of the time is spent."""
            return n >= search.max_solutions or (n >= cfg.attempts and budget.may_stop_early(search.stop_share))

        state.answers = Answers(state.ctx, state.prior, state.trace, lambda: state.clock.ticks, enough, state.started)


def scoring_prior(state: SolveState) -> Prior:
    """Fitted weights (without the task's own solution) or the registry's, memory's bias, then the overrides."""
    cfg = state.config.prior
    if cfg.fitted:
        base = default_fitted().weights(exclude=state.task.id)
    else:
        base = {name: p.weight for name, p in REGISTRY.items()}
    if state.recall is not None:
        mem = state.config.memory
        base = biased_weights(base, state.recall, mem.bias, mem.bias_smoothing)
    return Prior({**base, **cfg.weights})


__all__ = ["Perceive", "scoring_prior"]
