"""Trying given programs on a task: memory's recalled exemplars and the LLM's proposals, as they are, completed
with a consistent colour map, or with other colour constants (colour variants)."""
from __future__ import annotations

import functools
import itertools
import time
from typing import Optional, Sequence

from arcsynth.core.candidates import Report
from arcsynth.core.clock import Clock
from arcsynth.core.context import SearchContext
from arcsynth.core.verify import run_on
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grammar import parse
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.interpreter import Limits
from arcsynth.dsl.program import Call, Lit, Node, walk
from arcsynth.dsl.typecheck import check
from arcsynth.dsl.types import COLOUR
from arcsynth.search.colourmap import apply_map, infer_colour_map, map_program

#: Bounds on one trial run (given programs must be cheap to try).
TRIAL_LIMITS = Limits(max_steps=5_000, max_seconds=0.05)


@functools.lru_cache(maxsize=512)
def parse_known(text: str) -> Optional[Node]:
    """Parse and type-check a program (cached); None when it does not parse against this registry."""
    try:
        node = parse(text)
        check(node)
    except DSLError:
        return None
    return node


def _colour_literals(node: Node) -> list[int]:
    """The distinct colour constants of a program."""
    return sorted({int(n.value) for n in walk(node) if isinstance(n, Lit) and n.type == COLOUR})  # type: ignore[call-overload]


def _substitute(node: Node, mapping: dict[int, int]) -> Node:
    """The program with colour constants replaced by a mapping."""
    if isinstance(node, Lit) and node.type == COLOUR and int(node.value) in mapping:  # type: ignore[call-overload]
        return Lit(mapping[int(node.value)], COLOUR)  # type: ignore[call-overload]
    if isinstance(node, Call):
        return Call(node.prim, tuple(_substitute(a, mapping) for a in node.args))
    return node


def colour_variants(node: Node, palette: Sequence[int], limit: int) -> list[Node]:
    """The program with one or two of its colour constants replaced by other task colours (injectively)."""
    cols = _colour_literals(node)
    if not cols or limit <= 0:
        return []
    pal = [c for c in dict.fromkeys(int(c) for c in palette)]
    # constants the task never shows are the likeliest to be wrong: replace them first
    order = sorted(cols, key=lambda c: (c in pal, cols.index(c)))
    maps: list[dict[int, int]] = []
    for c in order:
        maps.extend({c: t} for t in pal if t not in cols)
    for a, b in itertools.combinations(order, 2):
        maps.append({a: b, b: a})
        maps.extend({a: ta, b: tb} for ta in pal for tb in pal if ta != tb and ta not in cols and tb not in cols)
        if len(maps) >= limit:
            break
    return [_substitute(node, m) for m in maps[:limit]]


class ProgramTrials:
    """Given programs run on the task — as given (and up to a consistent colour map), then with other colour
    constants — in two phases: the first few, then the rest once the search has had a fair start. Every
    train-exact program goes to `report` with the given source; every run ticks the clock as one candidate."""

    def __init__(self, ctx: SearchContext, programs: Sequence[str], report: Report, clock: Clock,
                 first: int = 4, variant_programs: int = 8, variants: int = 8, source: str = "memory"):
        """`first`: programs of the first phase; `variants` colour variants each for the first `variant_programs`
        programs whose outputs have the right shapes."""
        self.ctx, self.report, self.clock, self.source = ctx, report, clock, source
        self.first, self.variant_programs, self.variants = first, variant_programs, variants
        self.nodes = [n for n in (parse_known(p) for p in programs) if n is not None]
        self.next = 0                   # index of the next program to run as given
        self.shaped: list[Node] = []    # programs whose outputs have the right shapes
        self.tried = self.hits = 0
        self.stop = False
        self.how: set[str] = set()
        self.ms = 0.0
        self.variants_done = False

    def _accept(self, prog: Node, vals: Sequence[Grid], kind: str) -> None:
        """Hand a train-exact program (with its test predictions) to report."""
        nt = self.ctx.n_train
        test = run_on(prog, self.ctx.inputs[nt:], TRIAL_LIMITS)
        if test is None:
            return
        self.hits += 1
        self.how.add(kind)
        if self.report(prog, tuple(vals) + tuple(test), self.source):
            self.stop = True

    def _as_given(self, node: Node) -> None:
        """Run one program as given, completing it with a colour map when that makes it exact."""
        ctx = self.ctx
        outs = ctx.outputs
        self.tried += 1
        self.clock.tick()
        vals = run_on(node, ctx.inputs[: ctx.n_train], TRIAL_LIMITS, outs)
        if vals is None:
            return
        self.shaped.append(node)
        if all(v == o for v, o in zip(vals, outs)):
            self._accept(node, vals, "as_recalled")
            return
        mapping = infer_colour_map(vals, outs)
        prog = map_program(node, mapping, set(ctx.palette)) if mapping else None
        if prog is not None:
            self._accept(prog, [apply_map(v, mapping) for v in vals], "colour_map")  # type: ignore[arg-type]

    def run(self, deadline: float, first_only: bool = False) -> bool:
        """Run the first phase (first_only) or everything left; True when report asked to stop."""
        t0 = time.monotonic()  # for the trace; the deadline is on the solve's clock
        upto = min(len(self.nodes), self.first) if first_only else len(self.nodes)
        while self.next < upto and not self.stop and self.clock.now() <= deadline:
            self._as_given(self.nodes[self.next])
            self.next += 1
        if not first_only and not self.variants_done:
            self.variants_done = True
            ctx = self.ctx
            for node in self.shaped[: self.variant_programs]:
                for v in colour_variants(node, ctx.palette, self.variants):
                    if self.stop or self.clock.now() > deadline:
                        break
                    self.tried += 1
                    self.clock.tick()
                    vals = run_on(v, ctx.inputs[: ctx.n_train], TRIAL_LIMITS, ctx.outputs, exact=True)
                    if vals is not None:
                        self._accept(v, vals, "colour_constants")
        self.ms += 1000 * (time.monotonic() - t0)
        return self.stop

    @property
    def pending(self) -> bool:
        """Whether a later phase is still to run."""
        return not self.stop and (self.next < len(self.nodes) or not self.variants_done)

    def summary(self) -> dict:
        """Counts for the trace: programs, runs, hits, how they hit, milliseconds."""
        return {"exemplars": len(self.nodes), "tried": self.tried, "hits": self.hits, "how": sorted(self.how),
                "trials_ms": round(self.ms, 1)}


__all__ = ["ProgramTrials", "colour_variants", "parse_known", "TRIAL_LIMITS"]
