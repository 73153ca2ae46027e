"""The solver: perceive, search, score, decide. `engine.solve(task, budget=...)` and `engine.Solver(config)`."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Optional

from arcsynth.dsl.grid import Grid
from arcsynth.dsl.program import Node, size
from arcsynth.dsl.types import INT, OBJS

from arcsynth.core import clock
from arcsynth.search.colourmap import apply_map, infer_colour_map, map_program
from arcsynth.core.context import SearchContext
from arcsynth.search.enumerate import EnumConfig, Enumerator, Entry
from arcsynth.search.inverse import InverseGoals
from arcsynth.search.objectwise import ObjectRecolourer
from arcsynth.lm.proposer import ProposerConfig
from arcsynth.memory_glue.recall import MemoryOptions
from arcsynth.core.score import Prior, Score, log_likelihood
from arcsynth.core.task import Task
from arcsynth.search.templates import PairCombiner, TemplateChecker

STRATEGIES = ("enum", "beam", "mcts", "auto")


@dataclass
class SolverConfig:
    """Knobs of one solver; every run with the same config and task is deterministic."""

    budget: float = 10.0             # wall seconds per task
    strategy: str = "auto"
    seed: int = 0
    attempts: int = 2
    prior_weights: dict[str, float] = field(default_factory=dict)
    enum: EnumConfig = field(default_factory=EnumConfig)
    max_solutions: int = 8           # train-exact programs to collect before stopping early
    colour_maps: bool = True         # complete candidates that match up to a consistent colour map
    fit_prior: bool = True           # primitive weights fitted to the reference solutions (leave-one-out)
    templates: bool = True           # try each new Indices/Obj/Objs value inside top-level templates
    combine_pairs: bool = True       # combine output-shaped Grid values with binary Grid combinators
    inverse: bool = True             # look up each new Grid value among the preimages of cheap final steps (engine/inverse.py)
    objectwise: bool = True          # decompose object-recolouring tasks into lambdas over objects (engine/objectwise.py)
    augment: tuple[str, ...] = ("colours", "dmirror")  # transforms searched when nothing is found in time (engine/augment.py)
    augment_share: float = 0.3       # share of the budget kept for them
    use_memory: bool = True
    memory: MemoryOptions = field(default_factory=MemoryOptions)  # store, recall and bias (engine/recall.py)
    use_llm: bool = True
    llm: ProposerConfig = field(default_factory=ProposerConfig)  # the grammar-constrained proposer (engine/proposer.py)
    use_cellrules: bool = True       # local cell rules learned from the train pairs (engine/cellrule.py)
    use_maxsat: bool = True
    clock: str = "wall"              # the clock deadlines and time shares are decided on: wall or work (engine/clock.py)
    maxsat_share: float = 0.25       # most of the budget the MaxSAT completion pass may take before search
    maxsat_reserve: float = 0.02     # share kept after search for MaxSAT consensus of near misses (at most 1 s)


@dataclass
class Candidate:
    """A program that maps every train input to its output, with its test predictions and score."""

    program: str
    node: Optional[Node]             # None for grids from the MaxSAT stage (no program)
    predictions: tuple[Grid, ...]    # one per test input
    score: Score
    source: str = "search"
    weak: bool = False               # found by colour-map completion: fits train but may not generalise

    @property
    def log_posterior(self) -> float:
        return self.score.log_posterior


@dataclass
class SolveResult:
    """Two (or fewer) attempts per test input, the programs behind them, and a trace of the search."""

    task_id: str
    attempts: list[list[Grid]]       # per test input: up to `attempts` distinct grids, best first
    candidates: list[Candidate]
    seconds: float
    source: str                      # search|llm|maxsat|cellrule|memory|none
    trace: dict = field(default_factory=dict)

    @property
    def program(self) -> Optional[str]:
        return self.candidates[0].program if self.candidates else None


def warm_caches(config: SolverConfig) -> tuple[object, str]:
    """Load, once per process, what every solve with this config needs: the parser, the speed table, the fitted
    prior (it parses every reference solution), the MaxSAT modules, memory's modules and store (a corrupt or foreign
    store raises MemoryStoreError here), and the proposer model (torch and the weights: seconds). Returns the
    proposer and, when it could not be loaded, why (each task's trace says it)."""
    from arcsynth.dsl.grammar import _parser
    from arcsynth.search.speed import speed_table
    _parser()
    speed_table()
    if config.fit_prior:
        from arcsynth.search.prior import default_fitted
        default_fitted()
    if config.use_maxsat:
        from arcsynth.sat import maxsat  # noqa: F401  (python-sat and the MaxSAT modules: ~0.2 s)
    if config.use_memory:
        from arcsynth.memory_glue.recall import warm
        warm(config.memory)
    if config.use_llm:
        from arcsynth.lm.proposer import ProposerError, load_proposer
        try:
            return load_proposer(config.llm.model), ""
        except ProposerError as e:
            return None, str(e)
    return None, ""


class Solver:
    """A reusable solver; `solve(task)` runs the configured strategy within the budget."""

    def __init__(self, config: SolverConfig = SolverConfig()):
        if config.strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {config.strategy!r}; choose one of {', '.join(STRATEGIES)}")
        self.config = config
        self.prior = Prior(dict(config.prior_weights))
        self._recalled: Optional[tuple[Task, object]] = None
        self._seeds: list = []
        self._live: Optional[Enumerator] = None
        self._live_objectwise: Optional[ObjectRecolourer] = None
        self._lambda_cache: dict = {}
        self._cands_done = 0
        self._near: list[tuple[SearchContext, list]] = []
        # What every task needs is loaded here, once per process (cached), so it is never taken out of a task's
        # budget: on a cold machine the fitted prior alone took most of a 1 s budget.
        self._proposer, self._proposer_error = warm_caches(config)

    def recall(self, task: Task):  # type: ignore[no-untyped-def]
        """Memory's recall for a task (nearest solved tasks, never the task itself); None when memory is off."""
        if not self.config.use_memory:
            return None
        if self._recalled is None or self._recalled[0] is not task:
            from arcsynth.memory_glue.recall import recall_for
            self._recalled = (task, recall_for(task, self.config.memory))
        return self._recalled[1]

    def memory_examples(self, task: Task, n: int = 4) -> list[dict]:
        """Recalled exemplar programs for the LLM proposer's prompt (most similar solved tasks first)."""
        rec = self.recall(task)
        return rec.examples(n) if rec else []

    def prior_for(self, task: Task) -> Prior:
        """The prior used for a task: fitted weights (without the task's own solution), memory's bias, then overrides."""
        from arcsynth.dsl.registry import REGISTRY
        if self.config.fit_prior:
            from arcsynth.search.prior import default_fitted
            base = default_fitted().weights(exclude=task.id)
        else:
            base = {name: self.prior.weight(name) for name in REGISTRY}
        rec = self.recall(task)
        if rec:
            from arcsynth.memory_glue.recall import biased_weights
            base = biased_weights(base, rec, self.config.memory.bias, self.config.memory.bias_smoothing)
        elif not self.config.fit_prior:
            return self.prior
        return Prior({**base, **self.config.prior_weights})

    def solve(self, task: Task, budget: Optional[float] = None) -> SolveResult:
        """Predictions for the task's test inputs within `budget` seconds (the config's by default) on the
        configured clock; the process's clock is back on wall time afterwards."""
        t_wall = time.monotonic()        # what the result reports; deadlines and shares are on clock.now()
        budget = self.config.budget if budget is None else budget
        clock.use(self.config.clock, budget)
        try:
            return self._solve(task, budget, t_wall)
        finally:
            clock.use("wall")

    def _solve(self, task: Task, budget: float, t_wall: float) -> SolveResult:
        cfg = self.config
        t0 = clock.now()
        prior = self.prior_for(task)
        deadline = t0 + budget
        ctx = SearchContext.from_task(task)
        found: dict[tuple, Candidate] = {}
        trace: dict = {"strategy": cfg.strategy, "out_shapes_predicted": ctx.out_shapes is not None}

        def on_exact(node: Node, vals: tuple, source: str, weak: bool = False) -> bool:
            preds = tuple(vals[ctx.n_train:])
            key = tuple(hash(g) for g in preds)
            sc = Score(-(prior.log_prior(node) + log_likelihood(vals[: ctx.n_train], ctx.outputs)), size(node))
            old = found.get(key)
            if old is None or sc < old.score:
                found[key] = Candidate(str(node), node, preds, sc, source, weak)
            if "first_solution_s" not in trace:
                trace["first_solution_s"] = round(time.monotonic() - t_wall, 4)
                live = self._live.stats.candidates if self._live is not None else 0
                if self._live_objectwise is not None:
                    live += self._live_objectwise.candidates
                trace["candidates_before_solution"] = self._cands_done + live
            # Stop early once enough distinct predictions are in hand and half the budget is spent.
            if len(found) >= cfg.max_solutions:
                return True
            return len(found) >= cfg.attempts and clock.now() - t0 > 0.5 * (deadline - t0)

        self._seeds, self._live, self._cands_done, self._trials = [], None, 0, None
        self._lambda_cache = {}  # lambda bodies per (function type, palette), shared by this task's searches
        rec = self.recall(task)
        if rec:
            trace["memory"] = self._use_recall(ctx, rec, t0, deadline, on_exact)
        # Programs are scored with `prior`; the searches run under `search_prior`, which the proposer may bias.
        search_prior = prior
        if cfg.use_llm:
            trace["llm"], search_prior = self._use_proposer(task, ctx, prior, t0, deadline, on_exact)

        sat = None
        full_deadline, stage_s = deadline, 0.0
        rules: list[tuple[str, tuple[Grid, ...]]] = []
        if cfg.use_cellrules:  # local cell rules (engine/cellrule.py): milliseconds; their time is added back below
            from arcsynth.cellrules.induce import induce
            t_stage = clock.now()
            rules, rule_stats = induce([(p.input, p.output) for p in task.train], [p.input for p in task.test],
                                       clock.to_wall(deadline), cfg.attempts)
            trace["cellrule"] = rule_stats.as_dict()
            if rules:  # a train-exact answer (without a program) from here on
                trace["cellrule"]["found_at_s"] = round(time.monotonic() - t_wall, 4)
            stage_s += clock.now() - t_stage
        if cfg.use_maxsat:  # MaxSAT stage (engine/maxsat.py): verified completions now, consensus after search
            from arcsynth.sat.maxsat import MaxSATStage
            t_stage = clock.now()
            sat = MaxSATStage([(p.input, p.output) for p in task.train], [p.input for p in task.test], ctx.out_shapes)
            sat.before_search(clock.to_wall(min(deadline, clock.now() + cfg.maxsat_share * (deadline - t0))),
                              cfg.attempts)
            stage_s += clock.now() - t_stage
            sat_deadline, deadline = deadline, deadline - min(1.0, cfg.maxsat_reserve * (deadline - t0))
            self._near = []

        strategy = cfg.strategy if cfg.strategy != "auto" else "enum"
        if strategy == "enum":
            main_deadline = main_search_deadline(t0, full_deadline, deadline, stage_s,
                                                 cfg.augment_share if cfg.augment else 0.0)
            stats = self._run_enum(ctx, search_prior, main_deadline, on_exact)
            # Augment when nothing was found, or only colour-map completions (which often overfit the
            # train colours); what it finds is ranked with them by posterior.
            if cfg.augment and all(c.weak for c in found.values()) and clock.now() < deadline:
                stats["augment"] = self._run_augmented(task, search_prior, deadline, on_exact)
        elif strategy == "beam":
            from arcsynth.search.beam import beam_search
            stats = beam_search(ctx, search_prior, deadline, on_exact, seed=cfg.seed)
        else:
            from arcsynth.search.mcts import mcts_search
            stats = mcts_search(ctx, search_prior, deadline, on_exact, seed=cfg.seed)
        if self._trials is not None:  # exemplar trials not reached during the search run now
            if self._trials.pending and clock.now() < deadline:
                self._late_exemplars(deadline)
            trace["memory"].update(self._trials.summary())
        trace["search"] = stats
        cands = sorted(found.values(), key=lambda c: c.score)
        if cfg.use_memory and cfg.memory.remember and cands:
            trace["memory_added"] = self._remember(task, cands)
        if sat is not None:
            cands = self._with_maxsat(sat, ctx, prior, cands, sat_deadline, trace)
        if rules:  # right after the best program (they reproduce every train output and passed leave-one-out)
            cands = _after_best(cands, rules, "cellrule")
        attempts = _decide(task, cands, cfg.attempts)
        source = cands[0].source if cands else "none"
        return SolveResult(task.id, attempts, cands, time.monotonic() - t_wall, source, trace)

    def _use_recall(self, ctx: SearchContext, rec, t0: float, deadline: float, on_exact) -> dict:  # type: ignore[no-untyped-def]
        """Try the closest recalled exemplars now (the rest wait for _late_exemplars), within their share of the
        budget; keep the seeds for the enumerator."""
        from arcsynth.memory_glue.recall import ExemplarTrials, seed_expressions
        opts = self.config.memory
        out = rec.summary()

        def count(n: int) -> None:
            self._cands_done += n

        self._ex_span = opts.exemplar_share * (deadline - t0)
        self._trials = ExemplarTrials(ctx, rec, opts, on_exact, count)
        self._trials.run(min(deadline, clock.now() + self._ex_span), first_only=True)
        if opts.seed_subexpressions:
            self._seeds = seed_expressions(rec, opts)
            out["seeds"] = len(self._seeds)
        return out

    def _use_proposer(self, task: Task, ctx: SearchContext, prior: Prior, t0: float, deadline: float,
                      on_exact) -> tuple[dict, Prior]:  # type: ignore[no-untyped-def]
        """Sample programs from the proposer (within its share of the budget), try each on the train pairs as
        memory's exemplars are tried (source `llm`), seed their sub-expressions into the enumerator, and raise
        the prior weight of the primitives they use. Returns the trace and the prior for the searches."""
        from collections import Counter

        from arcsynth.dsl.program import primitives_used

        from arcsynth.memory_glue.recall import ExemplarTrials, seed_expressions_of
        opts = self.config.llm
        proposer = self._proposer
        if proposer is None:
            return {"error": self._proposer_error}, prior
        import torch
        torch.set_num_threads(opts.threads)
        span = opts.share * (deadline - t0)
        pairs = [(p.input, p.output) for p in task.train if p.output is not None]
        # exemplar lines for a model trained with them: the most similar recalled programs short enough for a line
        exemplars = [e["program"] for e in self.memory_examples(task, 4 * proposer.fmt.exemplars)] \
            if proposer.fmt.exemplars else []
        props, st = proposer.propose(pairs, opts.proposals, opts.temperature, opts.max_new_tokens,
                                     clock.to_wall(min(deadline, clock.now() + span)), self.config.seed, exemplars,
                                     opts.batch)
        clock.spend(st.seconds)  # on the work clock, sampling costs its wall time like the search it displaces
        out = st.as_dict()
        out.pop("tokens_per_s", None)
        if not props:
            return out, prior
        texts = [p.text for p in props]

        def count(n: int) -> None:
            self._cands_done += n

        trials = ExemplarTrials(ctx, None, self.config.memory, on_exact, count, programs=texts, source="llm")
        trials.run(min(deadline, clock.now() + span))
        out.update({k: v for k, v in trials.summary().items() if k in ("tried", "hits", "how")})
        seeds = seed_expressions_of(texts[: opts.seed_proposals], self.config.memory)
        known = {(str(n), str(t)) for n, t in self._seeds}
        self._seeds = self._seeds + [(n, t) for n, t in seeds if (str(n), str(t)) not in known]
        out["seeds"] = len(seeds)
        if opts.bias <= 0:
            return out, prior
        freq = Counter(name for p in props for name in set(primitives_used(p.node)))
        boost = {name: prior.weight(name) * (1 + c / len(props)) ** opts.bias for name, c in freq.items()}
        return out, prior.with_weights(boost)

    def _late_exemplars(self, deadline: float) -> bool:
        """The remaining exemplar trials (the rest as recalled, then colour variants); True when on_exact says stop."""
        trials = self._trials
        return bool(trials and trials.run(min(deadline, clock.now() + self._ex_span)))

    def _remember(self, task: Task, cands: list[Candidate]) -> int | str:
        """Store the best candidate that reproduces every train output (re-checked here); 1 if added, 0 if known."""
        from arcsynth.dsl.errors import DSLError
        from arcsynth.dsl.interpreter import Limits, run_program
        from arcsynth.memory import MemoryStoreError

        from arcsynth.memory_glue.recall import remember
        limits = Limits(max_seconds=0.5)
        for c in cands:
            if c.node is None:  # a MaxSAT grid, not a program
                continue
            try:
                if not all(run_program(c.node, p.input, limits) == p.output for p in task.train):
                    continue
            except DSLError:
                continue
            try:
                return remember(task, c.program, c.log_posterior, self.config.memory)
            except (DSLError, MemoryStoreError, OSError) as e:
                return f"error: {e}"
        return 0

    def _with_maxsat(self, sat, ctx: SearchContext, prior: Prior, cands: list[Candidate], deadline: float,  # type: ignore[no-untyped-def]
                     trace: dict) -> list[Candidate]:
        """Run the consensus pass when fewer than `attempts` predictions exist; rank the verified MaxSAT grids
        right after the best program (they reproduce every train output, like an exact program)."""
        distinct = {tuple(c.predictions) for c in cands} | {c.predictions for c in sat.found}
        if len(distinct) < self.config.attempts:
            nt = ctx.n_train
            near = [(prior.log_prior(e.node) + log_likelihood(e.vals[:nt], ctx.outputs), e.vals)
                    for c, nm in self._near if c is ctx for acc, e in nm[:8] if acc < 1.0]
            sat.after_search(near, clock.to_wall(deadline))
        self._near = []
        trace["maxsat"] = sat.trace()
        return _after_best(cands, [(f"maxsat: {c.method}", c.predictions) for c in sat.found], "maxsat")

    def _run_augmented(self, task: Task, prior: Prior, deadline: float, on_exact) -> dict:  # type: ignore[no-untyped-def]
        """Search transformed copies of the task in turn; programs found are mapped back and re-verified."""
        from arcsynth.dsl.errors import DSLError
        from arcsynth.dsl.interpreter import run_program

        from arcsynth.search.augment import map_back, transform_task
        orig = SearchContext.from_task(task)
        tried = []
        transforms = self.config.augment
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
            tctx = SearchContext.from_task(ttask)

            def on_t(node: Node, vals: tuple, source: str, weak: bool = False, t: str = t) -> bool:
                back = map_back(node, t)
                if back is None:
                    return False
                try:
                    real = tuple(run_program(back, g) for g in orig.inputs)
                except DSLError:
                    return False
                if all(real[i] == orig.outputs[i] for i in range(orig.n_train)):
                    return on_exact(back, real, "search", weak)
                return False

            self._run_enum(tctx, prior, sub_deadline, on_t)
        return {"transforms": tried}

    def _run_enum(self, ctx: SearchContext, prior: Prior, deadline: float, on_exact) -> dict:  # type: ignore[no-untyped-def]
        mem = self.config.memory
        en = Enumerator(ctx, prior, self.config.enum, seeds=self._seeds, seed_discount=mem.seed_discount,
                        seed_floor=mem.seed_floor, lambda_cache=self._lambda_cache)
        self._live = en
        outs = ctx.outputs
        nt = ctx.n_train
        first_shape = outs[0].shape

        used_colours = set(ctx.palette)

        combiner = PairCombiner(ctx) if self.config.combine_pairs else None
        inverse = InverseGoals(ctx) if self.config.inverse else None
        if inverse is not None and not inverse:
            inverse = None

        def on_grid(e: Entry) -> bool:
            trials = self._trials
            if trials is not None and trials.pending and en.stats.candidates >= self.config.memory.defer_after:
                if self._late_exemplars(deadline):
                    return True
            vals = e.vals
            assert vals is not None
            if inverse is not None:
                for prog, full in inverse.check(e.node, vals):
                    if on_exact(prog, full, "search"):
                        return True
            if vals[0].shape != first_shape:
                return False
            if combiner is not None:
                hit = combiner.add(e.node, vals)
                if hit and on_exact(hit[0], hit[1], "search"):
                    return True
            for i in range(nt):
                if vals[i] != outs[i]:
                    break
            else:
                return on_exact(e.node, vals, "search")
            if not self.config.colour_maps:
                return False
            mapping = infer_colour_map(vals[:nt], outs)
            if not mapping:
                return False
            node = map_program(e.node, mapping, used_colours)
            if node is None:
                return False
            return on_exact(node, tuple(apply_map(v, mapping) for v in vals), "search", weak=True)

        checker = TemplateChecker(ctx) if self.config.templates else None
        objectwise = ObjectRecolourer(ctx, prior, deadline - clock.now()) if self.config.objectwise else None
        self._live_objectwise = objectwise

        def on_value(e: Entry, t) -> bool:  # type: ignore[no-untyped-def]
            if t == INT and inverse is not None:
                if any(on_exact(prog, full, "search") for prog, full in inverse.check_int(e.node, e.vals)):
                    return True
            hit = checker.check(e.node, e.vals, t) if checker else None  # type: ignore[arg-type]
            if hit is None and objectwise is not None and t == OBJS:
                return any(on_exact(prog, vals, "search") for prog, vals in objectwise.check(e.node, e.vals, deadline))
            return on_exact(hit[0], hit[1], "search") if hit else False

        st = en.run(deadline, on_grid, on_value if checker or objectwise or inverse else None)
        if self.config.use_maxsat:
            self._near.append((ctx, en.near_misses))
        self._cands_done += st.candidates + (objectwise.candidates if objectwise is not None else 0)
        self._live, self._live_objectwise = None, None
        out = {"candidates": st.candidates, "kept": st.kept, "duplicates": st.duplicates, "failures": st.failures,
               "max_level": st.max_level, "seconds": round(st.seconds, 3),
               "candidates_per_s": round(st.candidates / st.seconds) if st.seconds > 0 else 0}
        if objectwise is not None and objectwise.searches:
            out["objectwise"] = objectwise.stats()
        if inverse is not None:
            out["inverse"] = {"steps": len(inverse.names), "hits": inverse.hits}
        return out


def main_search_deadline(t0: float, full_deadline: float, deadline: float, stage_s: float, augment_share: float) -> float:
    """When the main enumeration stops: after (1 - augment_share) of the whole budget plus the time the MaxSAT
    stage took before it, but no later than `deadline` (the budget less the MaxSAT consensus reserve).

    So the main search gets the same window with or without the MaxSAT stage, whose cost (its pass before
    the search and the reserve after) comes out of the augmented searches, which run only when the main
    search found nothing."""
    return min(deadline, t0 + (1 - augment_share) * (full_deadline - t0) + stage_s)


def _after_best(cands: list[Candidate], grids: list[tuple[str, tuple[Grid, ...]]], source: str) -> list[Candidate]:
    """Program-less predictions (description, one grid per test input) ranked right after the best program, scored
    as the worst candidate so far."""
    worst = cands[-1].score.neg_log_posterior if cands else 0.0
    return cands[:1] + [Candidate(desc, None, preds, Score(worst, 0), source) for desc, preds in grids] + cands[1:]


def _decide(task: Task, cands: list[Candidate], k: int) -> list[list[Grid]]:
    """Per test input, up to k distinct predictions, best posterior first; the input itself as last resort."""
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


def solve(task: Task, budget: float = 10.0, **config: object) -> SolveResult:
    """Solve one task within `budget` wall seconds; keyword arguments set SolverConfig fields."""
    return Solver(SolverConfig(budget=budget, **config)).solve(task)  # type: ignore[arg-type]
