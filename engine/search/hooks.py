"""Search hooks: what the enumerator does with each new value it keeps, besides storing it.

The enumerator offers every new value to the hooks of its type, in the order of `HOOKS`. A hook may build
train-exact programs from the value and hand them to `report` (which says whether the solve has enough and
should stop); it answers PASS (later hooks see the value too), DONE (later hooks skip it) or STOP (the search
stops). A hook is built for one enumeration by `build(env)`, which returns None where it is switched off or has
nothing to do for this task.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Protocol, Sequence

from arcsynth.budget import Budget
from arcsynth.config import MemoryConfig, SearchConfig
from arcsynth.core.candidates import Report
from arcsynth.core.clock import Clock
from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior
from arcsynth.dsl.types import GRID, INDICES, INT, OBJ, OBJS, BaseType
from arcsynth.search.colourmap import apply_map, infer_colour_map, map_program
from arcsynth.search.combiner import PairCombiner
from arcsynth.search.enumerate import EnumStats, Expr
from arcsynth.search.inverse import InverseGoals
from arcsynth.search.objectwise import ObjectRecolourer
from arcsynth.search.templates import TemplateChecker
from arcsynth.search.trials import ProgramTrials

PASS, DONE, STOP = "pass", "done", "stop"


@dataclass
class HookEnv:
    """What a hook may use: the task, the priors, the clock and budget, this enumeration's deadline and counts."""

    ctx: SearchContext
    prior: Prior
    clock: Clock
    budget: Budget
    deadline: float
    stats: EnumStats
    search: SearchConfig
    memory: MemoryConfig
    trials: Optional[ProgramTrials]


class Hook(Protocol):
    types: tuple[BaseType, ...]

    def offer(self, e: Expr, t: BaseType, report: Report) -> str: ...

    def stats(self) -> Optional[tuple[str, dict]]: ...


def _reported(hits: Sequence[tuple], report: Report, found: str = PASS) -> str:
    """Report each (program, values) hit until one asks to stop; `found` when some hit was reported."""
    for prog, vals in hits:
        if report(prog, vals, "search"):
            return STOP
    return found if hits else PASS


class _Quiet:
    """A hook with nothing for the trace."""

    def stats(self) -> Optional[tuple[str, dict]]:
        return None


class LateExemplars(_Quiet):
    """Memory's remaining exemplar trials, run once the enumerator has tried `memory.defer_after` candidates."""

    types = (GRID,)

    def __init__(self, env: HookEnv):
        self.env = env

    @classmethod
    def build(cls, env: HookEnv) -> Optional["LateExemplars"]:
        return cls(env) if env.trials is not None else None

    def offer(self, e: Expr, t: BaseType, report: Report) -> str:
        env = self.env
        trials = env.trials
        assert trials is not None
        if trials.pending and env.stats.candidates >= env.memory.defer_after:
            if trials.run(env.budget.window(env.memory.share, until=env.deadline)):
                return STOP
        return PASS


class Inverse:
    """f(X) for a cheap invertible final step f, when X's value is the preimage of the train outputs."""

    types = (GRID, INT)

    def __init__(self, goals: InverseGoals):
        self.goals = goals

    @classmethod
    def build(cls, env: HookEnv) -> Optional["Inverse"]:
        if not env.search.inverse:
            return None
        goals = InverseGoals(env.ctx)
        return cls(goals) if goals else None

    def offer(self, e: Expr, t: BaseType, report: Report) -> str:
        hits = self.goals.check(e.node, e.vals) if t == GRID else self.goals.check_int(e.node, e.vals)
        return _reported(hits, report)

    def stats(self) -> Optional[tuple[str, dict]]:
        return "inverse", {"steps": len(self.goals.names), "hits": self.goals.hits}


class OutputShaped(_Quiet):
    """A gate: the Grid hooks after it see only values of the first train output's shape."""

    types = (GRID,)

    def __init__(self, shape: tuple[int, int]):
        self.shape = shape

    @classmethod
    def build(cls, env: HookEnv) -> "OutputShaped":
        return cls(env.ctx.outputs[0].shape)

    def offer(self, e: Expr, t: BaseType, report: Report) -> str:
        assert e.vals is not None
        return PASS if e.vals[0].shape == self.shape else DONE


class Combiner(_Quiet):
    """Two output-shaped values joined by a binary Grid combinator (search/combiner.py)."""

    types = (GRID,)

    def __init__(self, combiner: PairCombiner):
        self.combiner = combiner

    @classmethod
    def build(cls, env: HookEnv) -> Optional["Combiner"]:
        return cls(PairCombiner(env.ctx, env.clock)) if env.search.combine_pairs else None

    def offer(self, e: Expr, t: BaseType, report: Report) -> str:
        hit = self.combiner.add(e.node, e.vals)
        return _reported([hit] if hit else [], report)


class Goal(_Quiet):
    """The value is the train outputs: the program itself is an answer."""

    types = (GRID,)

    def __init__(self, ctx: SearchContext):
        self.outputs, self.n_train = ctx.outputs, ctx.n_train

    @classmethod
    def build(cls, env: HookEnv) -> "Goal":
        return cls(env.ctx)

    def offer(self, e: Expr, t: BaseType, report: Report) -> str:
        vals = e.vals
        assert vals is not None
        for i in range(self.n_train):
            if vals[i] != self.outputs[i]:
                return PASS
        return STOP if report(e.node, vals, "search") else DONE


class ColourMaps(_Quiet):
    """The value is the train outputs up to a consistent colour map: the program with `replace` steps (weak)."""

    types = (GRID,)

    def __init__(self, ctx: SearchContext):
        self.ctx = ctx
        self.used = set(ctx.palette)

    @classmethod
    def build(cls, env: HookEnv) -> Optional["ColourMaps"]:
        return cls(env.ctx) if env.search.colour_maps else None

    def offer(self, e: Expr, t: BaseType, report: Report) -> str:
        vals = e.vals
        assert vals is not None
        mapping = infer_colour_map(vals[: self.ctx.n_train], self.ctx.outputs)
        if not mapping:
            return PASS
        node = map_program(e.node, mapping, self.used)
        if node is None:
            return PASS
        return STOP if report(node, tuple(apply_map(v, mapping) for v in vals), "search", True) else PASS


class Templates(_Quiet):
    """An Indices/Obj/Objs value inside a top-level Grid template such as fill(I, c, X) (search/templates.py)."""

    types = (INDICES, OBJ, OBJS)

    def __init__(self, checker: TemplateChecker):
        self.checker = checker

    @classmethod
    def build(cls, env: HookEnv) -> Optional["Templates"]:
        return cls(TemplateChecker(env.ctx)) if env.search.templates else None

    def offer(self, e: Expr, t: BaseType, report: Report) -> str:
        hit = self.checker.check(e.node, e.vals, t)  # type: ignore[arg-type]
        return _reported([hit] if hit else [], report, found=DONE)


class ObjectWise:
    """An object set whose objects the outputs recolour (or select): predicates and colour functions over objects
    (search/objectwise.py)."""

    types = (OBJS,)

    def __init__(self, recolourer: ObjectRecolourer, deadline: float):
        self.recolourer, self.deadline = recolourer, deadline

    @classmethod
    def build(cls, env: HookEnv) -> Optional["ObjectWise"]:
        if not env.search.objectwise:
            return None
        return cls(ObjectRecolourer(env.ctx, env.prior, env.clock, env.deadline - env.clock.now()), env.deadline)

    def offer(self, e: Expr, t: BaseType, report: Report) -> str:
        return _reported(self.recolourer.check(e.node, e.vals, self.deadline), report, found=DONE)

    def stats(self) -> Optional[tuple[str, dict]]:
        return ("objectwise", self.recolourer.stats()) if self.recolourer.searches else None


#: The hooks, in the order each new value is offered to them.
HOOKS: tuple[Callable[[HookEnv], Optional[Hook]], ...] = (
    LateExemplars.build,   # memory's remaining exemplars, once the search has had a fair start
    Inverse.build,         # f(X) for cheap invertible final steps f
    OutputShaped.build,    # the Grid hooks below see only output-shaped values
    Combiner.build,        # two output-shaped values joined by a binary combinator
    Goal.build,            # the value is the answer
    ColourMaps.build,      # the value is the answer up to a colour map
    Templates.build,       # an Indices/Obj/Objs value inside a top-level template
    ObjectWise.build,      # an object set recoloured object by object
)


class HookTable:
    """The hooks of one enumeration, by value type, and the callbacks the enumerator calls."""

    def __init__(self, env: HookEnv, report: Report):
        self.report = report
        self.hooks = [h for h in (build(env) for build in HOOKS) if h is not None]
        self.by_type: dict[BaseType, list[Hook]] = {}
        for h in self.hooks:
            for t in h.types:
                self.by_type.setdefault(t, []).append(h)

    def offer(self, e: Expr, t: BaseType) -> bool:
        """Offer a new value to the hooks of its type; True when the search should stop."""
        for h in self.by_type.get(t, ()):
            verdict = h.offer(e, t, self.report)
            if verdict == STOP:
                return True
            if verdict == DONE:
                return False
        return False

    def on_grid(self, e: Expr) -> bool:
        return self.offer(e, GRID)

    @property
    def on_value(self) -> Optional[Callable[[Expr, BaseType], bool]]:
        """The enumerator's callback for values of other types, None when no hook wants them."""
        return self.offer if any(t != GRID for t in self.by_type) else None

    def stats(self) -> dict:
        """The hooks' figures for the search trace."""
        return dict(s for s in (h.stats() for h in self.hooks) if s is not None)


__all__ = ["HOOKS", "HookEnv", "HookTable", "Hook", "PASS", "DONE", "STOP"]
