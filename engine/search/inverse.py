"""Goal inversion for cheap final steps: search for X where the output is f(X) for an invertible f.

Bottom-up enumeration meets a program `f(X)` only after it has met X and then spent f's cost on top of
it. When f is a cheap step whose preimage is determined by the output — a rotation or mirror, an upscale,
a tiling, a mirrored concatenation, a self-Kronecker product, a border, or the input placed beside
something — the preimage of every train output is computed once per task, and every new Grid value the
enumerator produces is looked up (by its hash, which the enumerator computes anyway) among those
preimages. A hit is `f(X)` at the cost of X alone. Scalings and tilings whose factor differs between
pairs (output size over input size) also wait for an Int expression with those factors, which the
enumerator reports as it finds Int values. Every step is checked forward with the real primitive, so a
hit is a train-exact program.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from arcsynth.core.context import SearchContext
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.program import INPUT, Call, Lit, Node
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.types import COLOUR, INT

Pre = Callable[[Grid, Grid], Optional[Grid]]    # (output, input) -> preimage, or None
Wrap = Callable[[Node], Node]                   # X -> program f(X)
Fwd = Callable[[Grid, Grid], Grid]              # (X value, input) -> f(X) value


@dataclass(frozen=True)
class Step:
    """An invertible final step: its name, preimage, program wrapper and forward map."""

    name: str
    pre: Pre
    wrap: Wrap
    fwd: Fwd


def _call(name: str, *args: Node) -> Node:
    return Call(name, tuple(args))


def _fn(name: str) -> Callable[..., Grid]:
    return REGISTRY[name].fn  # type: ignore[return-value]


def _int(v: int) -> Node:
    return Lit(v, INT)


def _geometric() -> list[Step]:
    inverse_of = {"rot90": "rot270", "rot180": "rot180", "rot270": "rot90", "hmirror": "hmirror",
                  "vmirror": "vmirror", "dmirror": "dmirror", "cmirror": "cmirror"}
    out = []
    for f, g in inverse_of.items():
        out.append(Step(f, lambda o, i, g=g: _fn(g)(o), lambda x, f=f: _call(f, x), lambda v, i, f=f: _fn(f)(v)))
    return out


# Preimage candidates below are not checked here: every step is verified by running it forward on the
# candidate (InverseGoals), so a candidate that is wrong for this output is simply not kept.

def _blocky(o: Grid, kh: int, kw: int) -> Optional[Grid]:
    """The top-left cell of every kh×kw block."""
    return None if o.h % kh or o.w % kw else Grid(o.a[::kh, ::kw])


def _scales() -> list[Step]:
    out = []
    for k in (2, 3, 4, 5):
        for prim, kh, kw in (("upscale", k, k), ("hupscale", 1, k), ("vupscale", k, 1)):
            out.append(Step(f"{prim}{k}", lambda o, i, kh=kh, kw=kw: _blocky(o, kh, kw),
                            lambda x, p=prim, k=k: _call(p, x, _int(k)), lambda v, i, p=prim, k=k: _fn(p)(v, k)))
    return out


def _tile_block(o: Grid, r: int, c: int) -> Optional[Grid]:
    """The top-left block of an r×c tiling."""
    return None if o.h % r or o.w % c else Grid(o.a[: o.h // r, : o.w // c])


def _top_left_quarter(o: Grid, i: Grid) -> Optional[Grid]:
    return Grid(o.a[: o.h // 2, : o.w // 2]) if o.h % 2 == 0 and o.w % 2 == 0 else None


def _tiles() -> list[Step]:
    out = []
    for r in range(1, 5):
        for c in range(1, 5):
            if r == c == 1:
                continue
            out.append(Step(f"tile{r}x{c}", lambda o, i, r=r, c=c: _tile_block(o, r, c),
                            lambda x, r=r, c=c: _call("tile", x, _int(r), _int(c)),
                            lambda v, i, r=r, c=c: _fn("tile")(v, r, c)))
    out.append(Step("mirror_tile", _top_left_quarter, lambda x: _call("mirror_tile", x), lambda v, i: _fn("mirror_tile")(v)))
    return out


def _halves() -> list[Step]:
    """Concatenations of X with its own mirror image, either way round."""
    def left(o: Grid, i: Grid) -> Optional[Grid]:
        return Grid(o.a[:, : o.w // 2]) if o.w % 2 == 0 else None

    def right(o: Grid, i: Grid) -> Optional[Grid]:
        return Grid(o.a[:, o.w // 2:]) if o.w % 2 == 0 else None

    def top(o: Grid, i: Grid) -> Optional[Grid]:
        return Grid(o.a[: o.h // 2]) if o.h % 2 == 0 else None

    def bottom(o: Grid, i: Grid) -> Optional[Grid]:
        return Grid(o.a[o.h // 2:]) if o.h % 2 == 0 else None

    cat = [("hconcat", "vmirror", left, False), ("hconcat", "vmirror", right, True),
           ("vconcat", "hmirror", top, False), ("vconcat", "hmirror", bottom, True)]
    out = []
    for join, mirror, pre, mirrored_first in cat:
        if mirrored_first:
            wrap = (lambda x, j=join, m=mirror: _call(j, _call(m, x), x))
            fwd = (lambda v, i, j=join, m=mirror: _fn(j)(_fn(m)(v), v))
        else:
            wrap = (lambda x, j=join, m=mirror: _call(j, x, _call(m, x)))
            fwd = (lambda v, i, j=join, m=mirror: _fn(j)(v, _fn(m)(v)))
        out.append(Step(f"{join}-{mirror}{'-first' if mirrored_first else ''}", pre, wrap, fwd))
    return out


def _kron_self_pre(o: Grid, i: Grid) -> Optional[Grid]:
    """X with kron(X, X) = o: o is (m·m)×(n·n), and X's cell (r, c) takes the one colour of block (r, c)."""
    m, n = int(round(o.h ** 0.5)), int(round(o.w ** 0.5))
    if m * m != o.h or n * n != o.w or m * n < 2:
        return None
    blocks = o.a.reshape(m, m, n, n).transpose(0, 2, 1, 3).reshape(m, n, m * n)
    x = blocks.max(axis=2)
    return Grid(x.astype(np.int8))


def _kron_self() -> Step:
    return Step("kron-self", _kron_self_pre, lambda x: _call("kron", x, x), lambda v, i: _fn("kron")(v, v))


def _beside_input() -> list[Step]:
    """The input placed beside (or above, or below) something: X is the rest of the output."""
    def pre(join: str, input_first: bool) -> Pre:
        def f(o: Grid, i: Grid) -> Optional[Grid]:
            if join == "hconcat":
                if o.h != i.h or o.w <= i.w:
                    return None
                return Grid(o.a[:, i.w:] if input_first else o.a[:, : o.w - i.w])
            if o.w != i.w or o.h <= i.h:
                return None
            return Grid(o.a[i.h:] if input_first else o.a[: o.h - i.h])
        return f

    out = []
    for join in ("hconcat", "vconcat"):
        for first in (True, False):
            wrap = (lambda x, j=join: _call(j, INPUT, x)) if first else (lambda x, j=join: _call(j, x, INPUT))
            fwd = (lambda v, i, j=join: _fn(j)(i, v)) if first else (lambda v, i, j=join: _fn(j)(v, i))
            out.append(Step(f"{join}-input{'-first' if first else '-last'}", pre(join, first), wrap, fwd))
    return out


def _border(c: int) -> Step:
    def pre(o: Grid, i: Grid) -> Optional[Grid]:
        return Grid(o.a[1:-1, 1:-1]) if o.h >= 3 and o.w >= 3 else None
    return Step(f"pad1-{c}", pre, lambda x: _call("pad", x, _int(1), Lit(c, COLOUR)), lambda v, i: _fn("pad")(v, 1, c))


def steps_for(ctx: SearchContext) -> list[Step]:
    """Every candidate final step for this task (borders only in the colour the first output's corner has)."""
    out = _geometric() + _scales() + _tiles() + _halves() + _beside_input() + [_kron_self()]
    if ctx.outputs:
        out.append(_border(int(ctx.outputs[0].a[0, 0])))
    return out


@dataclass(frozen=True)
class FactorStep:
    """A scaling or tiling step whose factor differs between pairs: f(X, K) with K an Int expression to find.

    The factor of a pair is the output's size over its input's (so X has the input's shape); `tile` takes
    it on both axes, tile(X, K, K)."""

    name: str
    prim: str

    def factor(self, o: Grid, i: Grid) -> Optional[int]:
        if o.h % i.h or o.w % i.w:
            return None
        kh, kw = o.h // i.h, o.w // i.w
        if self.prim in ("upscale", "tile"):
            return kh if kh == kw else None
        if self.prim == "hupscale":
            return kw if kh == 1 else None
        return kh if kw == 1 else None  # vupscale

    def pre(self, o: Grid, k: int) -> Optional[Grid]:
        if self.prim == "tile":
            return _tile_block(o, k, k)
        kh, kw = {"upscale": (k, k), "hupscale": (1, k), "vupscale": (k, 1)}[self.prim]
        return _blocky(o, kh, kw)

    def fwd(self, v: Grid, k: int) -> Grid:
        return _fn(self.prim)(v, k, k) if self.prim == "tile" else _fn(self.prim)(v, k)

    def wrap(self, x: Node, k: Node) -> Node:
        return _call(self.prim, x, k, k) if self.prim == "tile" else _call(self.prim, x, k)


FACTOR_STEPS = tuple(FactorStep(f"{p}-by", p) for p in ("upscale", "hupscale", "vupscale", "tile"))


class InverseGoals:
    """The preimages of the train outputs under every step that inverts on all of them, looked up by hash."""

    def __init__(self, ctx: SearchContext):
        self.ctx = ctx
        self.goals: dict[int, list[tuple[Step, tuple[Grid, ...]]]] = {}
        nt = ctx.n_train
        outs = ctx.outputs
        for step in steps_for(ctx):
            targets = []
            for o, i in zip(outs, ctx.inputs[:nt]):
                try:
                    x = step.pre(o, i)
                    if x is None or x.h == 0 or x.w == 0 or step.fwd(x, i) != o:
                        break
                except DSLError:
                    break
                targets.append(x)
            else:
                t = tuple(targets)
                if t == tuple(outs):
                    continue  # the step leaves these outputs unchanged: the direct goal covers it
                self.goals.setdefault(hash(t), []).append((step, t))
        # Steps whose factor varies: the preimages and the factor vector an Int expression must produce.
        self.factor_goals: dict[int, list[tuple[FactorStep, tuple[Grid, ...], tuple[int, ...]]]] = {}
        for fs in FACTOR_STEPS:
            ks = [fs.factor(o, i) for o, i in zip(outs, ctx.inputs[:nt])]
            if any(k is None or k < 1 for k in ks) or len(set(ks)) < 2:
                continue  # a constant factor is a plain step above
            xs = [fs.pre(o, k) for o, k in zip(outs, ks)]  # type: ignore[arg-type]
            try:
                if any(x is None or fs.fwd(x, k) != o for x, k, o in zip(xs, ks, outs)):  # type: ignore[arg-type]
                    continue
            except DSLError:
                continue
            t = tuple(xs)  # type: ignore[arg-type]
            self.factor_goals.setdefault(hash(t), []).append((fs, t, tuple(ks)))  # type: ignore[arg-type]
        self._ints: dict[tuple[int, ...], tuple[Node, tuple]] = {}      # train values -> first Int expression
        self._waiting: dict[tuple[int, ...], list[tuple[FactorStep, Node, tuple]]] = {}  # factor vector -> X found
        self.hits = 0

    def __bool__(self) -> bool:
        return bool(self.goals) or bool(self.factor_goals)

    @property
    def names(self) -> list[str]:
        return [s.name for lst in self.goals.values() for s, _ in lst] + \
            [s.name for lst in self.factor_goals.values() for s, _, _ in lst]

    def _factored(self, fs: FactorStep, x: Node, xv: tuple, k: Node, kv: tuple) -> list[tuple[Node, tuple]]:
        try:
            full = tuple(fs.fwd(v, int(kk)) for v, kk in zip(xv, kv))
        except DSLError:
            return []
        self.hits += 1
        return [(fs.wrap(x, k), full)]

    def check_int(self, node: Node, vals: tuple) -> list[tuple[Node, tuple]]:
        """Programs f(X, node) for a new Int value that is the factor some already-found preimage X waits for."""
        key = tuple(vals[: self.ctx.n_train])
        if not self.factor_goals or key in self._ints:
            return []
        self._ints[key] = (node, vals)
        out = []
        for fs, x, xv in self._waiting.get(key, []):
            out += self._factored(fs, x, xv, node, vals)
        return out

    def check(self, node: Node, vals: tuple) -> list[tuple[Node, tuple]]:
        """Programs f(node) that are train-exact, with their values on every input, for a new Grid value."""
        head = vals[: self.ctx.n_train]
        out: list[tuple[Node, tuple]] = []
        key = hash(head)
        for fs, targets, ks in self.factor_goals.get(key, []):
            if head == targets:
                self._waiting.setdefault(ks, []).append((fs, node, vals))
                if ks in self._ints:
                    out += self._factored(fs, node, vals, *self._ints[ks])
        found = self.goals.get(key)
        if not found:
            return out
        for step, targets in found:
            if head != targets:
                continue
            try:
                full = tuple(step.fwd(v, i) for v, i in zip(vals, self.ctx.inputs))
            except DSLError:
                continue  # f does not apply on some test input
            self.hits += 1
            out.append((step.wrap(node), full))
        return out


__all__ = ["FACTOR_STEPS", "FactorStep", "InverseGoals", "Step", "steps_for"]
