"""The solver's side of memory: recall for a task, the prior bias, exemplar trials (as recalled and adapted
with other colour constants), sub-expressions seeded into the enumerator, remembering solved tasks, and
building a store from the reference solutions."""
from __future__ import annotations

import functools
import itertools
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grammar import parse
from arcsynth.dsl.interpreter import Limits, evaluate
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.program import Call, Lit, Node, primitives_used, uses_hole, walk
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.typecheck import check
from arcsynth.dsl.types import COLOUR, GRID, DType, FnType
from arcsynth.memory import Entry, MemoryStore, Recall, RecallConfig, embed_task, recall

from arcsynth.core import clock
from arcsynth.search.colourmap import apply_map, infer_colour_map, map_program
from arcsynth.core.context import SearchContext
from arcsynth.core.task import Task

#: Bounds on one exemplar run (exemplars must be cheap to try).
EXEMPLAR_LIMITS = Limits(max_steps=5_000, max_seconds=0.05)


@dataclass
class MemoryOptions:
    """How the solver uses memory (only when SolverConfig.use_memory is on)."""

    dir: Optional[str] = None            # store directory (None: $ARCSYNTH_MEMORY_DIR or ~/.cache/arcsynth/memory)
    recall: RecallConfig = field(default_factory=RecallConfig)
    bias: float = 2.0                    # weight(p) *= max(1, (recalled freq + s) / (store freq + s)) ** bias
    bias_smoothing: float = 0.1          # s above
    exemplars: int = 24                  # recalled programs tried as they are ...
    exemplars_first: int = 4             # ... the most similar of them before the search
    defer_after: int = 2000              # the rest (and colour variants) once the enumerator has tried this many
    colour_variants: int = 8             # adapted variants (other colour constants) per exemplar ...
    variant_exemplars: int = 8           # ... for this many of the exemplars (the most similar of right shape)
    seed_subexpressions: bool = True     # exemplars' sub-expressions enter the enumerator cheaply
    seed_discount: float = 0.5           # their cost = discount x their prior cost ...
    seed_floor: int = 6                  # ... but not below this (nor above their own cost)
    seed_from: int = 4                   # seeds come from this many most similar exemplars
    seed_depth: int = 2                  # closed sub-expressions at most this deep below the root (`_` bodies: any)
    max_seeds: int = 24
    exemplar_share: float = 0.1          # most of the budget exemplar trials may take
    remember: bool = True                # add every task solved on all train pairs


def store_for(opts: MemoryOptions) -> MemoryStore:
    """The store the options point at: one instance per directory in a process, so its load cache (keyed on the
    file's identity) serves every task, and forked workers inherit what the parent loaded."""
    return _store_at(MemoryStore(opts.dir).dir)


@functools.lru_cache(maxsize=8)
def _store_at(directory: Path) -> MemoryStore:
    return MemoryStore(directory)


def warm(opts: MemoryOptions) -> None:
    """Import what recall needs and load (so validate) the store: done once before forking workers."""
    import scipy.ndimage  # noqa: F401  (object statistics of the embedding)

    from arcsynth.memory import task_dim
    task_dim()
    store_for(opts).load()


def recall_for(task: Task, opts: MemoryOptions) -> Recall:
    """The recall for a task (never its own entries); corrupt or foreign stores raise MemoryStoreError."""
    pairs = [(p.input, p.output) for p in task.train if p.output is not None]
    return recall(store_for(opts), pairs, opts.recall, exclude_task=task.id)


def biased_weights(base: dict[str, float], rec: Recall, power: float, smoothing: float = 0.1) -> dict[str, float]:
    """Prior weights times memory's smoothed bias: primitives the neighbours use more than stored solutions at
    large gain weight; the rest keep theirs (so they lose only through normalisation)."""
    if power == 0:
        return dict(base)
    f = rec.primitive_factors(power, smoothing)
    return {p: w * f.get(p, 1.0) for p, w in base.items()}


# ------------------------------------------------------------------------------------ exemplars
@functools.lru_cache(maxsize=512)
def _parse_known(text: str) -> Optional[Node]:
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


def _run_on(node: Node, inputs: Sequence[Grid], expect: Optional[Sequence[Grid]] = None,
            exact: bool = False) -> Optional[list[Grid]]:
    """Run on inputs; with `expect`, stop at the first output of the wrong shape (or, with exact, the first wrong
    output). None on any failure."""
    out = []
    for i, g in enumerate(inputs):
        try:
            v = evaluate(node, g, EXEMPLAR_LIMITS)
        except Exception:  # DSLError, or a primitive that cannot apply to this input
            return None
        if not isinstance(v, Grid):
            return None
        if expect is not None and i < len(expect) and (v.shape != expect[i].shape or (exact and v != expect[i])):
            return None
        out.append(v)
    return out


class ExemplarTrials:
    """Recalled programs run on the task — as recalled (and up to a consistent colour map), then with other colour
    constants — in two phases: the most similar few first, the rest once the search has had a fair start.
    Every train-exact program goes to on_exact with source `memory` (or the given source: the LLM proposer's
    programs are tried the same way); every run counts as a candidate."""

    def __init__(self, ctx: SearchContext, rec: Optional[Recall], opts: MemoryOptions,
                 on_exact: Callable[[Node, tuple, str], bool], count: Callable[[int], None],
                 programs: Optional[Sequence[str]] = None, source: str = "memory"):
        self.ctx, self.opts, self.on_exact, self.count, self.source = ctx, opts, on_exact, count, source
        texts = list(programs) if programs is not None else rec.exemplars(opts.exemplars) if rec else []
        self.nodes = [n for n in (_parse_known(p) for p in texts) if n is not None]
        self.next = 0                   # index of the next exemplar to run as recalled
        self.shaped: list[Node] = []    # exemplars whose outputs have the right shapes
        self.tried = self.hits = 0
        self.stop = False
        self.how: set[str] = set()
        self.ms = 0.0
        self.variants_done = False

    def _accept(self, prog: Node, vals: Sequence[Grid], kind: str) -> None:
        """Hand a train-exact program (with its test predictions) to on_exact."""
        nt = self.ctx.n_train
        test = _run_on(prog, self.ctx.inputs[nt:])
        if test is None:
            return
        self.hits += 1
        self.how.add(kind)
        if self.on_exact(prog, tuple(vals) + tuple(test), self.source):
            self.stop = True

    def _as_recalled(self, node: Node) -> None:
        """Run one exemplar as recalled, completing it with a colour map when that makes it exact."""
        ctx = self.ctx
        outs = ctx.outputs
        self.tried += 1
        self.count(1)
        clock.tick()
        vals = _run_on(node, ctx.inputs[: ctx.n_train], outs)
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
        """Run the first phase (first_only) or everything left; True when on_exact asked to stop."""
        t0 = time.monotonic()  # for the trace; the deadline is on the solver's clock
        upto = min(len(self.nodes), self.opts.exemplars_first) if first_only else len(self.nodes)
        while self.next < upto and not self.stop and clock.now() <= deadline:
            self._as_recalled(self.nodes[self.next])
            self.next += 1
        if not first_only and not self.variants_done:
            self.variants_done = True
            ctx = self.ctx
            for node in self.shaped[: self.opts.variant_exemplars]:
                for v in colour_variants(node, ctx.palette, self.opts.colour_variants):
                    if self.stop or clock.now() > deadline:
                        break
                    self.tried += 1
                    self.count(1)
                    clock.tick()
                    vals = _run_on(v, ctx.inputs[: ctx.n_train], ctx.outputs, exact=True)
                    if vals is not None:
                        self._accept(v, vals, "colour_constants")
        self.ms += 1000 * (time.monotonic() - t0)
        return self.stop

    @property
    def pending(self) -> bool:
        """Whether a later phase is still to run."""
        return not self.stop and (self.next < len(self.nodes) or not self.variants_done)

    def summary(self) -> dict:
        """Counts for the trace: exemplars, runs, hits, how they hit, milliseconds."""
        return {"exemplars": len(self.nodes), "tried": self.tried, "hits": self.hits, "how": sorted(self.how),
                "ms": round(self.ms, 1)}


def try_exemplars(ctx: SearchContext, rec: Recall, opts: MemoryOptions, deadline: float,
                  on_exact: Callable[[Node, tuple, str], bool], count: Callable[[int], None]) -> dict:
    """Run every exemplar trial at once (both phases); returns the summary."""
    trials = ExemplarTrials(ctx, rec, opts, on_exact, count)
    trials.run(deadline)
    return trials.summary()


def seed_expressions(rec: Recall, opts: MemoryOptions) -> list[tuple[Node, DType]]:
    """Sub-expressions of the most similar recalled programs (see seed_expressions_of)."""
    return seed_expressions_of(rec.exemplars(min(opts.exemplars, opts.seed_from)), opts)


def seed_expressions_of(programs: Sequence[str], opts: MemoryOptions) -> list[tuple[Node, DType]]:
    """Sub-expressions of programs with their types: the closed ones near the root (values a different
    top-level primitive can reuse) and every `_` body (function arguments); at most opts.max_seeds."""
    out: list[tuple[Node, DType]] = []
    seen: set[str] = set()

    def visit(node: Node, t: DType, depth: int) -> None:
        """Collect seeds below a node of type t."""
        if not isinstance(node, Call):
            return
        key = f"{t}:{node}"
        if depth and key not in seen and (isinstance(t, FnType) or depth <= opts.seed_depth):
            seen.add(key)
            out.append((node, t))
        p = REGISTRY.get(node.prim)
        if p is None:
            return
        hole = t.arg if isinstance(t, FnType) else None
        for arg, want in zip(node.args, p.params):
            if isinstance(want, FnType):
                visit(arg, want, depth + 1)
            elif hole is not None and uses_hole(arg):
                visit(arg, FnType(hole, want), depth + 1)  # type: ignore[arg-type]
            else:
                visit(arg, want, depth + 1)

    for text in programs:
        node = _parse_known(text)
        if node is not None:
            visit(node, GRID, 0)
    return out[: opts.max_seeds]


# ------------------------------------------------------------------------------------- remember
def remember(task: Task, program: str, posterior: Optional[float], opts: MemoryOptions, source: str = "solved") -> int:
    """Add a solved task (program verified on every train pair) to the store; returns 1 when it was new."""
    node = parse(program)
    pairs = [(p.input, p.output) for p in task.train if p.output is not None]
    prims = sorted({p for p in primitives_used(node)})
    post = None if posterior is None or not math.isfinite(posterior) else float(posterior)
    entry = Entry(task.id, program, prims, post, source, time.time())
    return store_for(opts).add([(embed_task(pairs), entry)])


def verified_solutions(tasks: Iterable[Task], solutions: Path, include: Optional[set[str]] = None
                       ) -> tuple[list[tuple[Task, Node]], list[str]]:
    """The reference programs in `solutions` for the given tasks that reproduce every train output, parsed,
    in file order; and why each other one was skipped."""
    from arcsynth.dsl.library import list_solutions, read_program

    from arcsynth.core.verify import verify
    by_id = {t.id: t for t in tasks}
    items: list[tuple[Task, Node]] = []
    skipped: list[str] = []
    for tid, path in list_solutions(solutions).items():
        t = by_id.get(tid)
        if t is None or (include is not None and tid not in include):
            continue
        try:
            text = read_program(path)
            v = verify(text, t)
        except DSLError as e:
            skipped.append(f"{tid}: {e}")
            continue
        if not v.fits_train:
            skipped.append(f"{tid}: does not fit its train pairs")
            continue
        items.append((t, parse(text)))
    return items, skipped


def build_from_solutions(store: MemoryStore, tasks: Iterable[Task], solutions: Path, rebuild: bool = False,
                         include: Optional[set[str]] = None, extra: Sequence[tuple[Task, str]] = ()) -> dict:
    """Add the reference solutions of the given tasks (each verified on its train pairs) and recluster."""
    from arcsynth.memory.clusters import recluster

    from arcsynth.core.verify import verify
    found, skipped = verified_solutions(tasks, solutions, include)
    items = [(t, node, "reference") for t, node in found]
    for t, text in extra:
        node = _parse_known(text)
        if node is not None and verify(node, t).fits_train:
            items.append((t, node, "solved"))
    with store.update(fresh=rebuild) as sd:
        import numpy as np
        added = 0
        for t, node, src in items:
            prog = str(node)
            if sd.has(t.id, prog):
                continue
            pairs = [(p.input, p.output) for p in t.train if p.output is not None]
            e = Entry(t.id, prog, sorted(set(primitives_used(node))), None, src, time.time())
            sd.add(np.asarray(embed_task(pairs))[None, :], [e])
            added += 1
        recluster(sd)
        n, nclusters = len(sd.entries), len(sd.clusters)
    return {"added": added, "entries": n, "clusters": nclusters, "skipped": skipped}
