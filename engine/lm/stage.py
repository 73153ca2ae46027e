"""The propose stage: programs sampled from the grammar-constrained LLM proposer within its share of the budget,
tried on the train pairs like memory's exemplars (source `llm`); their sub-expressions seed the enumerator and
the primitives they use gain prior weight in the searches."""
from __future__ import annotations

from collections import Counter

from arcsynth.config import SolverConfig
from arcsynth.dsl.program import primitives_used
from arcsynth.lm.proposer import Proposer
from arcsynth.search.seeds import seed_expressions
from arcsynth.search.trials import ProgramTrials
from arcsynth.state import SolveState


class Propose:
    """Sample, try, seed and bias (see the module docstring)."""

    name = "propose"

    def enabled(self, config: SolverConfig) -> bool:
        return config.propose.enabled

    def run(self, state: SolveState) -> None:
        opts, mem = state.config.propose, state.config.memory
        proposer = state.loaded.proposer
        if not isinstance(proposer, Proposer):
            state.trace["llm"] = {"error": state.loaded.proposer_error}
            return
        import torch  # heavy (seconds); loaded once by the Solver before any solve
        torch.set_num_threads(opts.threads)
        assert state.ctx is not None and state.answers is not None and state.prior is not None
        clock, budget, task = state.clock, state.budget, state.task
        pairs = [(p.input, p.output) for p in task.train if p.output is not None]
        # exemplar lines for a model trained with them: the most similar recalled programs short enough for a line
        exemplars = [e["program"] for e in state.recall.examples(4 * proposer.fmt.exemplars)] \
            if proposer.fmt.exemplars and state.recall is not None else []
        props, st = proposer.propose(pairs, opts.proposals, opts.temperature, opts.max_new_tokens,
                                     clock.to_wall(budget.window(opts.share)), state.config.seed, exemplars, opts.batch)
        clock.spend(st.seconds)  # on the work clock, sampling costs its wall time like the search it displaces
        out = st.as_dict()
        out.pop("tokens_per_s", None)
        state.trace["llm"] = out
        if not props:
            return
        texts = [p.text for p in props]
        trials = ProgramTrials(state.ctx, texts, state.answers.report, clock, mem.exemplars_first,
                               mem.variant_exemplars, mem.colour_variants, "llm")
        trials.run(budget.window(opts.share))
        out.update({k: v for k, v in trials.summary().items() if k in ("tried", "hits", "how")})
        seeds = seed_expressions(texts[: opts.seed_proposals], mem.max_seeds, mem.seed_depth)
        known = {(str(n), str(t)) for n, t in state.seeds}
        state.seeds = state.seeds + [(n, t) for n, t in seeds if (str(n), str(t)) not in known]
        out["seeds"] = len(seeds)
        if opts.bias <= 0:
            return
        prior = state.prior
        freq = Counter(name for p in props for name in set(primitives_used(p.node)))
        boost = {name: prior.weight(name) * (1 + c / len(props)) ** opts.bias for name, c in freq.items()}
        state.search_prior = prior.with_weights(boost)


__all__ = ["Propose"]
