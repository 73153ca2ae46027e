"""Object-wise decomposition: outputs that are the input with whole objects recoloured.

For a new object-set value X found by the enumerator (e.g. `components(I)`), the train pairs give each
object of X a *target*: the one colour its cells take in the output, or "kept" when the output leaves it
as it is; every changed cell must lie in some object of X. The painted part may also be a region derived
from each object (its holes `delta`, `bbox`, `inbox`, `outbox`, `outline`, `neighbours`); and when the
outputs differ in shape from the inputs, the target is which object the output shows (`subgrid`/`obj_grid`). The grid-level specification then splits into
two smaller ones over objects: a predicate p: Obj -> Bool that marks the recoloured objects, and a colour
function g: Obj -> Colour giving their new colour (often a constant). Both are found by a bottom-up
enumeration of lambda bodies evaluated on the objects themselves — value vectors over every object of every
input, pruned by observational equivalence — which reaches bodies far larger than the enumerator's fixed
list of syntactic lambdas. The parts are assembled into `paint_map(I, X, recolor(_, g))` or
`paint_map(I, filter_objs(X, p), recolor(_, g))` and verified on every train pair like any other program.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from arcsynth.core.clock import Clock
from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior
from arcsynth.core.verify import fitted_values
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grid import Grid, Obj
from arcsynth.dsl.interpreter import Limits
from arcsynth.dsl.program import HOLE, INPUT, Call, Lit, Node, uses_hole, walk
from arcsynth.dsl.registry import REGISTRY, Primitive
from arcsynth.dsl.types import BOOL, COLOUR, GRID, GRIDS, INT, OBJ, BaseType
from arcsynth.search.enumerate import EnumConfig, Enumerator, Expr

#: Most objects (over all inputs) a decomposition works on: each lambda body is evaluated once per object.
MAX_ITEMS = 400
#: Most lambda searches per task (distinct object sets whose targets are consistent).
MAX_SEARCHES = 8
#: Most predicates / colour functions kept per search, and verified programs returned.
MAX_PARTS = 3
MAX_PROGRAMS = 3
#: Necessary conditions (true on every changed object) kept for conjunctions.
MAX_NECESSARY = 12

_VERIFY_LIMITS = Limits(max_seconds=1.0)


@dataclass(frozen=True)
class Targets:
    """What the train pairs ask of each object of X (train objects first, in input order)."""

    changed: tuple[bool, ...]          # per train object: recoloured in the output
    colour: tuple[int, ...]            # per train object: its output colour (-1: kept and multicoloured)
    pair: tuple[int, ...]              # per train object: the train pair it belongs to
    n_train_items: int
    n_pairs: int
    view: Optional[str] = None         # selection: the primitive (subgrid/obj_grid) that shows the chosen object
    region: Optional[str] = None       # recolouring: the part of each object painted (see REGIONS)

    @property
    def all_changed(self) -> bool:
        return all(self.changed)

    def constant(self) -> Optional[int]:
        """The colour every recoloured object takes, when there is one."""
        cols = {c for c, ch in zip(self.colour, self.changed) if ch}
        return next(iter(cols)) if len(cols) == 1 else None


#: The part of each object a recolouring paints: the object itself (None), or a region derived from it by a
#: primitive Obj -> Indices with these extra (Bool) arguments.
REGIONS: dict[Optional[str], tuple[str, tuple[bool, ...]]] = {
    None: ("", ()), "delta": ("delta", ()), "bbox": ("bbox", ()), "inbox": ("inbox", ()), "outbox": ("outbox", ()),
    "outline": ("outline", ()), "neighbours4": ("neighbours", (False,)), "neighbours8": ("neighbours", (True,))}


def _region_node(region: Optional[str]) -> Node:
    """The Obj expression over `_` that a recolouring paints for this region."""
    if region is None:
        return HOLE
    prim, extra = REGIONS[region]
    return Call("to_obj", (Call(prim, (HOLE, *(Lit(b, BOOL) for b in extra))), INPUT))


def _region_view(o: Obj, shape: tuple[int, int], region: Optional[str]) -> Optional[tuple[slice, slice, np.ndarray]]:
    """The object's (or its region's) bounding box as slices into a grid of `shape`, and its cell mask inside
    the grid; None when the object lies partly outside the grid or the region has no cell in it."""
    if region is None:
        h, w = o.a.shape
        if o.top < 0 or o.left < 0 or o.top + h > shape[0] or o.left + w > shape[1] or h == 0:
            return None
        return slice(o.top, o.top + h), slice(o.left, o.left + w), o.mask
    prim, extra = REGIONS[region]
    try:
        idx = REGISTRY[prim].fn(o, *extra)
    except DSLError:
        return None
    m = idx.m
    if m.size == 0:
        return None
    r0, c0 = max(0, idx.top), max(0, idx.left)
    r1, c1 = min(shape[0], idx.top + m.shape[0]), min(shape[1], idx.left + m.shape[1])
    if r1 <= r0 or c1 <= c0:
        return None
    sub = m[r0 - idx.top:r1 - idx.top, c0 - idx.left:c1 - idx.left]
    if not sub.any():
        return None
    return slice(r0, r1), slice(c0, c1), sub


def object_targets(objs_per_input: tuple, ctx: SearchContext, region: Optional[str] = None) -> Optional[Targets]:
    """The targets of X's objects (or of a region of each, see REGIONS), or None when X does not explain the
    train outputs object by object (a region whose output cells differ in colour, a changed cell outside every
    region, nothing changed)."""
    changed: list[bool] = []
    colour: list[int] = []
    pair: list[int] = []
    for k in range(ctx.n_train):
        i, o = ctx.inputs[k], ctx.outputs[k]
        if i.shape != o.shape:
            return None
        diff = i.a != o.a
        covered = np.zeros(i.shape, dtype=bool)
        for ob in objs_per_input[k]:
            view = _region_view(ob, i.shape, region)
            pair.append(k)
            if view is None:
                if region is None:
                    return None
                changed.append(False)  # nothing of the region lies in the grid: nothing to paint
                colour.append(-1)
                continue
            rs, cs, m = view
            out_cells = o.a[rs, cs][m]
            in_cells = i.a[rs, cs][m]
            if np.array_equal(out_cells, in_cells):
                ins = np.unique(in_cells)
                changed.append(False)
                colour.append(int(ins[0]) if ins.size == 1 else -1)  # a kept region keeps its one colour
                continue
            outs = np.unique(out_cells)
            if outs.size != 1:
                return None
            changed.append(True)
            colour.append(int(outs[0]))
            covered[rs, cs] |= m
        if (diff & ~covered).any():
            return None
    if not any(changed):
        return None
    return Targets(tuple(changed), tuple(colour), tuple(pair), len(changed), ctx.n_train, region=region)


#: How a selected object becomes the output grid: its box cut from the input, or the object alone.
VIEWS = ("subgrid", "obj_grid")


def _view(name: str, o: Obj, g: Grid) -> Optional[Grid]:
    try:
        return REGISTRY[name].fn(o, g) if name == "subgrid" else REGISTRY[name].fn(o)
    except DSLError:
        return None


def selection_targets(objs_per_input: tuple, ctx: SearchContext) -> Optional[Targets]:
    """For outputs that show one object of X: which train objects the output shows (by `subgrid` of the input,
    else `obj_grid`); None when some pair's output is none of its objects."""
    for view in VIEWS:
        chosen: list[bool] = []
        pair: list[int] = []
        for k in range(ctx.n_train):
            o = ctx.outputs[k]
            marks = [_view(view, ob, ctx.inputs[k]) == o for ob in objs_per_input[k]]
            if not any(marks):
                break
            chosen.extend(marks)
            pair.extend([k] * len(marks))
        else:
            n = len(chosen)
            return Targets(tuple(chosen), (-1,) * n, tuple(pair), n, ctx.n_train, view)
    return None


def _mentions_input(node: Node) -> bool:
    """Whether the expression reads `I` or `_` anywhere."""
    return any(not isinstance(n, (Call, Lit)) for n in walk(node))


class _ObjectEnumerator(Enumerator):
    """The bottom-up enumerator run over objects instead of grids: each 'input' is one object (the hole `_`)
    together with the grid it lies in (`I`). Higher-order primitives are left out, and Grid values that do
    not involve the object."""

    def __init__(self, items_ctx: SearchContext, objs: tuple, prior: Prior, config: EnumConfig, clock: Clock):
        self._objs = objs
        super().__init__(items_ctx, prior, config, clock=clock)

    def _leaf_cost(self, node: Node, t: BaseType) -> int:
        return max(1, int(round(-self.prior.log_prob_leaf(node, t, OBJ))))

    def _seed(self) -> None:
        super()._seed()
        self._add(OBJ, Expr(HOLE, self._leaf_cost(HOLE, OBJ), self._objs))

    def _build_lambdas(self) -> None:
        return None

    def _apply(self, p: Primitive, combo: tuple[Expr, ...], level: int, n: int,
               on_grid: Callable[[Expr], bool]) -> bool:
        # grids and grid lists only as views of the object (subgrid(_, I), obj_grid(_)); transforms of the
        # whole input cost much and rarely describe one object
        if p.ret in (GRID, GRIDS) and not any(uses_hole(e.node) for e in combo):
            return False
        return super()._apply(p, combo, level, n, on_grid)

    def _add(self, t: BaseType, e: Expr) -> bool:
        # an expression of literals alone (sub(1, 2), neg(3)) is a constant the literals already offer
        if isinstance(e.node, Call) and not _mentions_input(e.node):
            return False
        return super()._add(t, e)

    def _track_near_miss(self, e: Expr) -> None:
        return None


class ObjectRecolourer:
    """Tries the object-wise decomposition on the object sets the enumerator finds (see the module docstring)."""

    def __init__(self, ctx: SearchContext, prior: Prior, clock: Clock, span: float = 2.0, time_share: float = 0.2):
        """`span`: the seconds the enumeration it serves may run; one lambda search may take 15% of it
        (0.2 to 2 s), and all of them together `time_share` of the time spent so far."""
        self.ctx = ctx
        self.prior = prior
        self.clock = clock
        self.time_share = time_share
        self.search_seconds = min(2.0, max(0.2, 0.15 * span))
        self.started = clock.now()
        self.spent = 0.0
        self.searches = 0
        self._done = 0                           # candidates of finished lambda searches
        self._running: Optional[Enumerator] = None
        self.seen: set[tuple] = set()
        self.same_shape = len(ctx.outputs) > 0 and all(i.shape == o.shape for i, o in zip(ctx.inputs, ctx.outputs))
        self.cfg = EnumConfig(max_cost=24, max_entries=20_000, shape_seed_cost=0, levin=False)

    @property
    def candidates(self) -> int:
        """Lambda bodies evaluated so far (each over every object), the running search's included."""
        return self._done + (self._running.stats.candidates if self._running is not None else 0)

    def stats(self) -> dict:
        return {"searches": self.searches, "candidates": self.candidates, "seconds": round(self.spent, 3)}

    def check(self, node: Node, vals: tuple, deadline: float) -> list[tuple[Node, tuple]]:
        """Offer a new Objs value X (values on every input); the (program, values) pairs, up to MAX_PROGRAMS, whose
        decomposition over X's objects reproduces every train output."""
        if self.searches >= MAX_SEARCHES:
            return []
        now = self.clock.now()
        if self.spent > self.time_share * (now - self.started) + 0.05:
            return []
        if sum(len(v) for v in vals) > MAX_ITEMS or any(len(v) == 0 for v in vals[: self.ctx.n_train]):
            return []
        try:
            targets = self._targets(vals)
            if targets is None:
                return []
            key = (targets, tuple(len(v) for v in vals))
            if key in self.seen:
                return []
            self.seen.add(key)
            self.searches += 1
            return self._search(node, vals, targets, min(deadline, now + self.search_seconds))
        finally:
            self.spent += self.clock.now() - now

    def _targets(self, vals: tuple) -> Optional[Targets]:
        """Selection targets for tasks whose outputs differ in shape from the inputs, else the recolouring
        targets of the first region (the objects themselves first) that explains every changed cell."""
        if not self.same_shape:
            return selection_targets(vals, self.ctx)
        for region in REGIONS:  # the objects themselves first
            tg = object_targets(vals, self.ctx, region)
            if tg is not None:
                return tg
        return None

    def _search(self, x_node: Node, vals: tuple, tg: Targets, deadline: float) -> list[tuple[Node, tuple]]:
        ctx = self.ctx
        objs = tuple(o for v in vals for o in v)
        grids = tuple(ctx.inputs[k] for k, v in enumerate(vals) for _o in v)
        items = SearchContext(ctx.task_id, grids, (), 0, ctx.palette)
        en = _ObjectEnumerator(items, objs, self.prior, self.cfg, self.clock)
        nt = tg.n_train_items
        const = tg.constant()
        # a colour function over every object is possible when each kept object is one colour
        everyone = list(range(nt)) if all(c >= 0 for c in tg.colour) else None
        moved = [i for i in range(nt) if tg.changed[i]]
        exact = tuple(tg.changed)
        preds: list[Node] = []
        necessary: list[Part] = []
        colours_all: list[Node] = []
        colours_moved: list[Node] = [Lit(const, COLOUR)] if const is not None else []
        seen_parts: set[tuple] = set()
        result: list[tuple[Node, tuple]] = []
        tried: set[str] = set()

        def attempt(prog: Node) -> bool:
            key = str(prog)
            if key not in tried:
                tried.add(key)
                got = self._verify(prog)
                if got is not None:
                    result.append(got)
            return len(result) >= MAX_PROGRAMS

        def new_part(kind: str, vec: tuple) -> bool:
            key = (kind, vec)
            if key in seen_parts:
                return False
            seen_parts.add(key)
            return True

        def add_pred(node: Node) -> bool:
            preds.append(node)
            if tg.view is not None:
                return attempt(_selected(x_node, node, tg.view))
            return any(attempt(_filtered(x_node, node, c, tg.region)) for c in colours_moved)

        def on_value(e: Expr, t: BaseType) -> bool:
            v = e.vals
            assert v is not None
            if t not in (BOOL, INT, COLOUR):
                return False
            if len(preds) < MAX_PARTS and not tg.all_changed:
                for node, vec in predicates(e.node, t, v, tg):
                    if not new_part("pred", vec):
                        continue
                    if vec[:nt] == exact:
                        if add_pred(node):
                            return True
                        continue
                    for other, ovec in necessary:  # a conjunction of two necessary conditions
                        both = tuple(a and b for a, b in zip(vec, ovec))
                        if both[:nt] == exact and new_part("pred", both) and add_pred(Call("both", (other, node))):
                            return True
                    if len(necessary) < MAX_NECESSARY:
                        necessary.append((node, vec))
            if tg.view is not None:
                return False
            if everyone is not None and len(colours_all) < MAX_PARTS:
                part = colour_function(e.node, t, v, tg, everyone)
                if part is not None and new_part("all", part[1]):
                    colours_all.append(part[0])
                    if attempt(_painted(x_node, part[0], tg.region)):
                        return True
            if len(colours_moved) < MAX_PARTS and moved != everyone:
                part = colour_function(e.node, t, v, tg, moved)
                if part is not None and new_part("moved", part[1]):
                    colours_moved.append(part[0])
                    if any(attempt(_filtered(x_node, p, part[0], tg.region)) for p in preds):
                        return True
            return False

        if tg.view is None and const is not None and tg.all_changed:
            if tg.region is None:
                return []  # one constant colour for every object: plain enumeration covers it
            attempt(_painted(x_node, Lit(const, COLOUR), tg.region))
            return result
        self._running = en
        try:
            en.run(deadline, lambda e: False, on_value)
        finally:
            self._running = None
            self._done += en.stats.candidates
        return result

    def _verify(self, prog: Node) -> Optional[tuple[Node, tuple]]:
        vals = fitted_values(prog, self.ctx.inputs, self.ctx.outputs, _VERIFY_LIMITS)
        return (prog, vals) if vals is not None else None


#: Most feature values a lookup table (a chain of colour_if) may name besides its default.
MAX_TABLE_VALUES = 3


def _eq(feature: Node, t: BaseType, value: object) -> Node:
    """feature == value as a Bool node (Int or Colour features; a Bool feature is itself or its negation)."""
    if t == BOOL:
        return feature if value else Call("bool_not", (feature,))
    if t == INT:
        return Call("eq_int", (feature, Lit(int(value), INT)))  # type: ignore[call-overload]
    return Call("eq_colour", (feature, Lit(int(value), COLOUR)))  # type: ignore[call-overload]


def _supported(tg: Targets, values: object, v: tuple, idx: list[int]) -> bool:
    """Whether each of these feature values occurs in at least two train pairs (in one when there is only one):
    a rule read off a single pair's objects is as likely a coincidence as a rule."""
    need = min(2, tg.n_pairs)
    return all(len({tg.pair[i] for i in idx if v[i] == value}) >= need for value in values)  # type: ignore[attr-defined]


Part = tuple[Node, tuple]  # a lambda body and its value on every object (train objects first)


def predicates(feature: Node, t: BaseType, v: tuple, tg: Targets) -> list[Part]:
    """Bool bodies over one feature that hold on every changed train object: the exact separators first (the
    feature itself, ==, != of one value, a threshold), then necessary conditions (== the value every changed
    object shares) that a conjunction may sharpen."""
    nt = tg.n_train_items
    every = list(range(nt))
    yes = {v[i] for i in range(nt) if tg.changed[i]}
    no = {v[i] for i in range(nt) if not tg.changed[i]}
    out: list[Part] = []
    if not yes or not no:
        return out
    if t == BOOL:
        if len(yes) == 1:
            val = next(iter(yes))
            out.append((_eq(feature, t, val), tuple(x == val for x in v)))
        return out
    if len(yes) == 1 and _supported(tg, yes, v, every):
        val = next(iter(yes))
        out.append((_eq(feature, t, val), tuple(x == val for x in v)))
    if not yes & no:
        if len(no) == 1 and len(yes) > 1 and _supported(tg, no, v, every):
            val = next(iter(no))
            out.append((Call("bool_not", (_eq(feature, t, val),)), tuple(x != val for x in v)))
        elif t == INT and len(yes) > 1:
            if max(yes) < min(no):  # type: ignore[type-var]
                m = int(max(yes)) + 1  # type: ignore[call-overload]
                out.append((Call("lt_int", (feature, Lit(m, INT))), tuple(x < m for x in v)))
            elif min(yes) > max(no):  # type: ignore[type-var]
                m = int(max(no))  # type: ignore[call-overload]
                out.append((Call("lt_int", (Lit(m, INT), feature)), tuple(m < x for x in v)))
    return out


def colour_function(feature: Node, t: BaseType, v: tuple, tg: Targets, idx: list[int]) -> Optional[Part]:
    """A Colour body over `feature` giving the target colour of the train objects idx: the feature itself (a
    Colour feature), or a lookup table from its values — a chain of colour_if naming at most two values per
    colour, with the colour of the most values as the default."""
    colours = tg.colour
    if not idx:
        return None
    if t == COLOUR and all(v[i] == colours[i] for i in idx):
        return feature, v
    table: dict[object, int] = {}
    for i in idx:
        if table.setdefault(v[i], colours[i]) != colours[i]:
            return None
    groups: dict[int, list[object]] = {}
    for value, c in table.items():
        groups.setdefault(c, []).append(value)
    if len(groups) < 2:
        return None  # one colour is a constant (tried directly)
    default = max(sorted(groups), key=lambda c: (len(groups[c]), sum(colours[i] == c for i in idx)))
    named = {value: c for value, c in table.items() if c != default}
    if len(named) > MAX_TABLE_VALUES or any(len(groups[c]) > 2 for c in groups if c != default):
        return None  # many values would only memorise the pairs
    if not _supported(tg, list(named), v, idx):
        return None
    node: Node = Lit(default, COLOUR)
    for c in sorted(groups, reverse=True):
        if c == default:
            continue
        vals = sorted(groups[c], key=str)
        cond = _eq(feature, t, vals[0])
        if len(vals) == 2:
            cond = Call("either", (cond, _eq(feature, t, vals[1])))
        node = Call("colour_if", (cond, Lit(c, COLOUR), node))
    return node, tuple(named.get(x, default) for x in v)


def _recolour(colour: Node, region: Optional[str]) -> Node:
    return Call("recolor", (_region_node(region), colour))


def _painted(x: Node, colour: Node, region: Optional[str] = None) -> Node:
    return Call("paint_map", (INPUT, x, _recolour(colour, region)))


def _filtered(x: Node, pred: Node, colour: Node, region: Optional[str] = None) -> Node:
    return Call("paint_map", (INPUT, Call("filter_objs", (x, pred)), _recolour(colour, region)))


def _selected(x: Node, pred: Node, view: str) -> Node:
    chosen = Call("first", (Call("filter_objs", (x, pred)),))
    return Call(view, (chosen, INPUT) if view == "subgrid" else (chosen,))


__all__ = ["ObjectRecolourer", "Targets", "object_targets", "selection_targets"]
