"""The memory stages: recalled exemplars tried before the search (exemplars) and after it (late_exemplars), and
the best program that fits every train pair remembered (remember)."""
from __future__ import annotations

from arcsynth.config import SolverConfig
from arcsynth.core.verify import verify
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.interpreter import Limits
from arcsynth.memory import MemoryStoreError
from arcsynth.memory_glue.store import remember
from arcsynth.search.seeds import seed_expressions
from arcsynth.search.trials import ProgramTrials
from arcsynth.state import SolveState

#: Bounds on re-running a program on the train pairs before it is remembered.
REMEMBER_LIMITS = Limits(max_seconds=0.5)


class Exemplars:
    """The most similar recalled programs tried on the task (within memory.share of the budget); the rest wait for
    the search's hooks or late_exemplars. Their sub-expressions become seeds for the enumerator."""

    name = "exemplars"

    def enabled(self, config: SolverConfig) -> bool:
        return config.memory.enabled

    def run(self, state: SolveState) -> None:
        rec, mem = state.recall, state.config.memory
        if rec is None:
            return
        assert state.ctx is not None and state.answers is not None
        out = rec.summary()
        state.trials = ProgramTrials(state.ctx, rec.exemplars(mem.exemplars), state.answers.report, state.clock,
                                     mem.exemplars_first, mem.variant_exemplars, mem.colour_variants, "memory")
        state.trials.run(state.budget.window(mem.share), first_only=True)
        if mem.seed_subexpressions:
            state.seeds = seed_expressions(rec.exemplars(min(mem.exemplars, mem.seed_from)), mem.max_seeds,
                                           mem.seed_depth)
            out["seeds"] = len(state.seeds)
        state.trace["memory"] = out


class LateExemplars:
    """The exemplar trials the search did not reach (the rest as recalled, then colour variants)."""

    name = "late_exemplars"

    def enabled(self, config: SolverConfig) -> bool:
        return config.memory.enabled

    def run(self, state: SolveState) -> None:
        trials, budget = state.trials, state.budget
        if trials is None:
            return
        if trials.pending and state.clock.now() < budget.search_end:
            trials.run(budget.window(state.config.memory.share))
        state.trace["memory"].update(trials.summary())


class Remember:
    """The best program found that reproduces every train output (re-checked here) goes into the store."""

    name = "remember"

    def enabled(self, config: SolverConfig) -> bool:
        return config.memory.enabled and config.memory.remember

    def run(self, state: SolveState) -> None:
        assert state.answers is not None
        cands = state.answers.ranked()
        if not cands:
            return
        task = state.task
        state.trace["memory_added"] = 0
        for c in cands:
            assert c.node is not None
            if not verify(c.node, task, REMEMBER_LIMITS).fits_train:
                continue
            try:
                state.trace["memory_added"] = remember(task, c.program, c.log_posterior, state.config.memory)
            except (DSLError, MemoryStoreError, OSError) as e:
                state.trace["memory_added"] = f"error: {e}"
            return


__all__ = ["Exemplars", "LateExemplars", "Remember"]
