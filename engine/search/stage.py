"""The search stage: the configured strategy over typed programs, under the search prior, until the budget says.

`enum` (the default, `auto`) enumerates bottom-up with the hooks of search/hooks.py; when it finds nothing (or only
colour-map completions) it searches transformed copies of the task (search/augment.py) in what is left of the
time, and maps what they find back. `beam` and `mcts` are the alternatives.
"""
from __future__ import annotations

from arcsynth.config import SolverConfig
from arcsynth.core.candidates import Report
from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior
from arcsynth.core.verify import fitted_values
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.program import Node
from arcsynth.search.augment import map_back, transform_task
from arcsynth.search.beam import beam_search
from arcsynth.search.enumerate import Enumerator
from arcsynth.search.hooks import HookEnv, HookTable
from arcsynth.search.mcts import mcts_search
from arcsynth.state import SolveState


class Search:
    """Run the strategy; record its figures under trace["search"] and the main search's near misses."""

    name = "search"

    def enabled(self, config: SolverConfig) -> bool:
        return True

    def run(self, state: SolveState) -> None:
        cfg, budget, clock = state.config.search, state.budget, state.clock
        ctx, prior, answers = state.ctx, state.search_prior, state.answers
        assert ctx is not None and prior is not None and answers is not None
        strategy = cfg.strategy if cfg.strategy != "auto" else "enum"
        if strategy == "beam":
            stats = beam_search(ctx, prior, budget.search_end, answers.report, clock, seed=state.config.seed)
        elif strategy == "mcts":
            stats = mcts_search(ctx, prior, budget.search_end, answers.report, clock, seed=state.config.seed)
        else:
            main_end = budget.main_search_end(cfg.augment_share if cfg.augment else 0.0)
            stats, state.near_misses = enumerate_programs(state, ctx, prior, main_end, answers.report)
            # Augment when nothing was found, or only colour-map completions (which often overfit the train
            # colours); what it finds is ranked with them by posterior.
            if cfg.augment and answers.only_weak and clock.now() < budget.search_end:
                stats["augment"] = search_transformed(state, prior, budget.search_end)
        state.trace["search"] = stats


def enumerate_programs(state: SolveState, ctx: SearchContext, prior: Prior, deadline: float,
                       report: Report) -> tuple[dict, list]:
    """One bottom-up enumeration of ctx until the deadline, its new values offered to the hooks; its figures and
    its near misses."""
    mem = state.config.memory
    search = state.config.search
    en = Enumerator(ctx, prior, search.enum, seeds=state.seeds, seed_discount=mem.seed_discount,
                    seed_floor=mem.seed_floor, lambda_cache=state.lambda_cache, clock=state.clock)
    hooks = HookTable(HookEnv(ctx, prior, state.clock, state.budget, deadline, en.stats, search, mem, state.trials),
                      report)
    st = en.run(deadline, hooks.on_grid, hooks.on_value)
    out = {"candidates": st.candidates, "kept": st.kept, "duplicates": st.duplicates, "failures": st.failures,
           "max_level": st.max_level, "seconds": round(st.seconds, 3),
           "candidates_per_s": round(st.candidates / st.seconds) if st.seconds > 0 else 0}
    out.update(hooks.stats())
    return out, en.near_misses


def search_transformed(state: SolveState, prior: Prior, deadline: float) -> dict:
    """Search transformed copies of the task in turn, each in an equal share of the time left; programs found are
    mapped back to the task and must fit its train pairs."""
    task, clock, answers, ctx = state.task, state.clock, state.answers, state.ctx
    assert answers is not None and ctx is not None
    transforms = state.config.search.augment
    tried = []
    for k, t in enumerate(transforms):
        now = clock.now()
        if now >= deadline:
            break
        sub_deadline = now + (deadline - now) / (len(transforms) - k)
        try:
            ttask = transform_task(task, t)
        except DSLError:
            continue
        if ttask.train == task.train and ttask.test == task.test:
            continue  # the transform changes nothing here: nothing new to search
        tried.append(t)

        def mapped_back(node: Node, vals: tuple, source: str, weak: bool = False, t: str = t) -> bool:
            back = map_back(node, t)
            if back is None:
                return False
            real = fitted_values(back, ctx.inputs, ctx.outputs)
            return answers.report(back, real, "search", weak) if real is not None else False

        enumerate_programs(state, SearchContext.from_task(ttask), prior, sub_deadline, mapped_back)
    return {"transforms": tried}


__all__ = ["Search", "enumerate_programs", "search_transformed"]
