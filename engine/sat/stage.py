"""The MaxSAT stages: completion of hidden cells before the search (complete), and a consensus vote of the search's
near misses after it (consensus). Their grids reproduce every train output; the decision ranks them right after
the best program."""
from __future__ import annotations

from arcsynth.config import SolverConfig
from arcsynth.core.score import log_likelihood
from arcsynth.sat.maxsat import SatSession
from arcsynth.state import SolveState

#: Near misses (of the main search, best first) that vote in the consensus pass.
CONSENSUS_VOTERS = 8


class Complete:
    """Verified completions when the pairs look like completion (a mask colour or a hidden patch), within
    maxsat.share of the budget; then keeps the consensus pass's reserve at the end of the budget."""

    name = "complete"

    def enabled(self, config: SolverConfig) -> bool:
        return config.maxsat.enabled

    def run(self, state: SolveState) -> None:
        task, clock, budget, opts = state.task, state.clock, state.budget, state.config.maxsat
        assert state.ctx is not None
        started = clock.now()
        state.sat = SatSession([(p.input, p.output) for p in task.train], [p.input for p in task.test],
                               state.ctx.out_shapes)
        state.sat.before_search(clock.to_wall(budget.window(opts.share)), state.config.attempts)
        budget.stage_seconds += clock.now() - started
        budget.take_reserve(opts.reserve_share, opts.max_reserve)


class Consensus:
    """When fewer distinct answers than attempts exist: the search's near misses vote per cell under the mined
    invariants (and colour maps are completed), until the end of the budget."""

    name = "consensus"

    def enabled(self, config: SolverConfig) -> bool:
        return config.maxsat.enabled

    def run(self, state: SolveState) -> None:
        sat, ctx, prior = state.sat, state.ctx, state.prior
        assert sat is not None and ctx is not None and prior is not None and state.answers is not None
        distinct = {tuple(c.predictions) for c in state.answers.found.values()} | {c.predictions for c in sat.found}
        if len(distinct) < state.config.attempts:
            nt = ctx.n_train
            near = [(prior.log_prior(e.node) + log_likelihood(e.vals[:nt], ctx.outputs), e.vals)
                    for acc, e in state.near_misses[:CONSENSUS_VOTERS] if acc < 1.0]
            sat.after_search(near, state.clock.to_wall(state.budget.end))
        state.trace["maxsat"] = sat.trace()
        state.grid_answers.append(("maxsat", [(f"maxsat: {c.method}", c.predictions) for c in sat.found]))


__all__ = ["Complete", "Consensus"]
