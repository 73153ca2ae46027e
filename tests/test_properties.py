"""Property tests for every registered primitive.

Each primitive is called directly, not through the interpreter: the interpreter turns any exception a
primitive raises into a DSLError (and MemoryError/RecursionError into DSLLimitError), which would hide
bugs. On every draw a primitive must either return a value of its declared type (exact Python types, no
numpy scalars; grids within the 60x60 inner bound; hashable; equal on a second call) or raise DSLError:
no other exception, no MemoryError under a tight address-space cap, no call longer than a few seconds.

Arguments are drawn per declared type around a context grid (random structured grids, partitioned grids
and real ARC grids): mostly values that fit it (its colours, positions, sizes, components, same-shaped
grids) so that preconditions hold often, plus free values and edge values (sizes at 30/60 and ±MAX_INT,
far-away and empty objects). Function-typed arguments are built the way the interpreter builds them:
another primitive with `_` in one argument slot (partial application), the identity, or a constant; a
failure inside such a function becomes a DSLError exactly as in the interpreter. A second test calls
every primitive that takes an Int or Point with all of them at size extremes under a 256 MiB cap.

Counts: `python3 -m pytest tests/test_properties.py -q -s --hypothesis-show-statistics` (the last test
prints totals). ARCSYNTH_PROPERTY_EXAMPLES sets examples per primitive (default 30);
ARCSYNTH_PROPERTY_RANDOM=1 draws fresh random examples instead of CI's fixed derandomized ones.
"""
from __future__ import annotations

import functools
import os
import resource
import signal
import time
from typing import Any, Callable, Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import arcsynth.dsl as dsl  # noqa: F401  (registers every primitive)
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grid import EMPTY, MAX_INNER_SIDE, Grid, Indices, Obj
from arcsynth.dsl.interpreter import MAX_INT, check_value
from arcsynth.dsl.registry import REGISTRY, Primitive
from arcsynth.dsl.types import BOOL, COLOUR, GRID, GRIDS, INDICES, INT, OBJ, OBJS, POINT, BaseType, DType, FnType

#: Examples drawn per primitive (283 primitives; keep the file well under a minute on 2 cores).
EXAMPLES = int(os.environ.get("ARCSYNTH_PROPERTY_EXAMPLES", "30"))
#: Wall seconds one primitive call may take before the test fails it as a hang.
CALL_SECONDS = 10.0
#: Address space a single primitive call may add to the process before it counts as exploding.
CALL_MEMORY = 1536 * 1024**2

#: ARCSYNTH_PROPERTY_RANDOM=1 draws fresh examples (bug hunting); CI stays derandomized and deterministic.
RANDOM = os.environ.get("ARCSYNTH_PROPERTY_RANDOM", "") == "1"

SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# ------------------------------------------------------------------------------------------ values
@functools.lru_cache(maxsize=1)
def _real_grids() -> tuple[Grid, ...]:
    """Inputs and outputs of a spread of real ARC training tasks (structured grids random ones rarely are)."""
    from arcsynth.core.task import load_dataset
    tasks = load_dataset("arc1-training")[::8]
    return tuple(g for t in tasks for p in t.train for g in (p.input, p.output) if g is not None)


def pick(*options: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """One of the options, chosen by an explicit index draw.

    (st.one_of drops options that are the same object, and hypothesis caches strategies by arguments, so
    whether two equal options merge depends on cache state; that makes replays inconsistent.)
    """
    return st.integers(0, len(options) - 1).flatmap(lambda i: options[i])


def _make_grid(h: int, w: int, palette: list[int], shapes: int, noise: float, seed: int) -> Grid:
    """A grid on a background with a few filled rectangles and lines plus some noise cells."""
    rng = np.random.default_rng(seed)
    a = np.full((h, w), palette[0], dtype=np.int8)
    for _ in range(shapes):
        r0, c0 = int(rng.integers(h)), int(rng.integers(w))
        r1, c1 = int(rng.integers(r0, h)) + 1, int(rng.integers(c0, w)) + 1
        a[r0:r1, c0:c1] = palette[int(rng.integers(len(palette)))]
    if noise:
        m = rng.random((h, w)) < noise
        a[m] = rng.choice(palette, size=int(m.sum()))
    return Grid(a)


colours = st.integers(0, 9)
palettes = st.lists(colours, min_size=1, max_size=4, unique=True)
small_ints = st.integers(-3, 12)
#: Edge values of Int: sizes around the ARC (30) and inner (60) bounds, and the interpreter's ±MAX_INT.
EDGE_INTS = (0, 1, -1, 2, 29, 30, 31, 59, 60, 61, 99, -99, 100, 1000, -1000, MAX_INT, -MAX_INT)
ints = pick(small_ints, small_ints, st.sampled_from(EDGE_INTS))
bools = st.booleans()
coords = pick(st.integers(-3, 14), st.integers(-3, 14), st.sampled_from((30, 60, -60, 1000, -MAX_INT, MAX_INT)))
points = st.tuples(coords, coords)


def _grids_of(max_side: int) -> st.SearchStrategy[Grid]:
    side = st.integers(1, max_side)
    return st.builds(_make_grid, side, side, palettes, st.integers(0, 5), st.sampled_from((0.0, 0.0, 0.1, 0.5)),
                     st.integers(0, 2**32 - 1))


@functools.lru_cache(maxsize=1)
def _grid_strategy() -> st.SearchStrategy[Grid]:
    return pick(_grids_of(6), _grids_of(12), _grids_of(30), st.sampled_from(_real_grids()))


def _make_patch(kind: type, h: int, w: int, top: int, left: int, density: float, palette: list[int], seed: int) -> Any:
    rng = np.random.default_rng(seed)
    present = rng.random((h, w)) < density
    if kind is Indices:
        return Indices(top, left, present)
    a = np.where(present, rng.choice(palette, size=(h, w)), EMPTY).astype(np.int8)
    return Obj(top, left, a)


def _patches(kind: type) -> st.SearchStrategy[Any]:
    pos = pick(st.integers(-2, 12), st.integers(-2, 12), st.sampled_from((-40, 40, 1000, -1000, 3 * MAX_INT, -3 * MAX_INT)))
    return st.builds(_make_patch, st.just(kind), st.integers(1, 7), st.integers(1, 7), pos, pos,
                     st.sampled_from((0.0, 0.5, 0.8, 1.0, 1.0)), palettes, st.integers(0, 2**32 - 1))


def _same_shape_grids(n: int, side: int, seed: int, palette: list[int]) -> tuple[Grid, ...]:
    return tuple(_make_grid(side, side, palette, 2, 0.2, seed + i) for i in range(n))


def _partitioned(n_r: int, n_c: int, ch: int, cw: int, sep: int, palette: list[int], seed: int) -> Grid:
    """A grid divided by 1-cell separator lines of colour `sep` into n_r x n_c cells of ch x cw."""
    h, w = n_r * (ch + 1) - 1, n_c * (cw + 1) - 1
    rng = np.random.default_rng(seed)
    cols = [c for c in palette if c != sep] or [(sep + 1) % 10]
    a = rng.choice(cols, size=(h, w)).astype(np.int8)
    a[rng.random((h, w)) < 0.6] = cols[0]
    a[ch::ch + 1, :] = sep
    a[:, cw::cw + 1] = sep
    return Grid(a)


partitioned = st.builds(_partitioned, st.integers(1, 4), st.integers(1, 4), st.integers(1, 5), st.integers(1, 5),
                        colours, palettes, st.integers(0, 2**32 - 1))


def _symmetric(g: Grid, kind: int) -> Grid:
    """g made mirror-symmetric (left-right, up-down, or both), a common ARC structure."""
    a = g.a.copy()
    if kind in (0, 2):
        a = np.concatenate([a, a[:, ::-1]], axis=1)[:, : max(1, min(60, 2 * a.shape[1]))]
    if kind in (1, 2):
        a = np.concatenate([a, a[::-1, :]], axis=0)[: max(1, min(60, 2 * a.shape[0]))]
    return Grid(a[:30, :30])


def _with_holes(g: Grid, c: int, seed: int) -> Grid:
    """g with a few cells blanked to colour c (inputs of completion puzzles)."""
    rng = np.random.default_rng(seed)
    a = g.a.copy()
    r0, c0 = int(rng.integers(g.h)), int(rng.integers(g.w))
    a[r0:r0 + 1 + int(rng.integers(3)), c0:c0 + 1 + int(rng.integers(3))] = c
    return Grid(a)


@functools.lru_cache(maxsize=1024)
def _components(g: Grid) -> tuple[Obj, ...]:
    """4-connected single-colour components of the non-background cells of g, in reading order of their corner."""
    a = g.a
    bg = int(np.bincount(a.ravel(), minlength=10).argmax())
    seen = np.zeros(a.shape, dtype=bool)
    out = []
    for r in range(a.shape[0]):
        for c in range(a.shape[1]):
            if seen[r, c] or a[r, c] == bg:
                continue
            colour, stack, cells = a[r, c], [(r, c)], []
            seen[r, c] = True
            while stack:
                i, j = stack.pop()
                cells.append((i, j, int(colour)))
                for ii, jj in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
                    if 0 <= ii < a.shape[0] and 0 <= jj < a.shape[1] and not seen[ii, jj] and a[ii, jj] == colour:
                        seen[ii, jj] = True
                        stack.append((ii, jj))
            out.append(Obj.from_cells(cells))
    return tuple(sorted(out, key=lambda o: (o.top, o.left)))[:40]


def _cut(g: Grid, r: int, c: int, h: int, w: int, keep_bg: bool) -> Obj:
    """The cells of g in a box (optionally dropping the background) as an object at their place in g."""
    r, c = r % g.h, c % g.w
    sub = g.a[r:r + h, c:c + w]
    bg = int(np.bincount(g.a.ravel(), minlength=10).argmax())
    a = sub.astype(np.int8) if keep_bg else np.where(sub == bg, EMPTY, sub).astype(np.int8)
    return Obj(r, c, a)


def _positions(g: Grid, colour: int) -> Indices:
    return Indices(0, 0, g.a == colour)


UNITS = ((0, 1), (1, 0), (0, -1), (-1, 0), (1, 1), (-1, -1), (1, -1), (-1, 1), (0, 0))


def related(t: BaseType, g: Grid) -> st.SearchStrategy[Any]:
    """Values of type t that fit the example's context grid g: its colours, positions, sizes and objects."""
    palette = sorted(set(np.unique(g.a).tolist()))
    inside = st.tuples(st.integers(0, g.h - 1), st.integers(0, g.w - 1))
    if t == GRID:
        return pick(st.just(g), st.builds(_with_holes, st.just(g), colours, st.integers(0, 2**31)),
                         st.builds(_symmetric, st.just(g), st.integers(0, 2)), partitioned, _grids_of(4))
    if t == GRIDS:
        comps = _components(g)
        return pick(st.builds(lambda k, s: tuple(_with_holes(g, c, s + c) for c in range(k)),
                                   st.integers(1, 4), st.integers(0, 2**31)),
                         st.builds(lambda k, c, s: (g,) * k + (_with_holes(g, c, s),), st.integers(1, 5), colours,
                                   st.integers(0, 2**31)),
                         st.just(tuple(Grid(np.where(o.a == EMPTY, 0, o.a)) for o in comps[:8])))
    if t == COLOUR:
        return st.sampled_from(palette)
    if t == INT:
        return pick(st.integers(0, 4), st.integers(0, max(g.h, g.w)))
    if t == POINT:
        dims = st.tuples(st.integers(1, g.h), st.integers(1, g.w))
        return pick(st.sampled_from(UNITS), inside, dims, st.just(g.shape))
    if t == OBJ:
        comps = _components(g)
        cut = st.builds(_cut, st.just(g), st.integers(0, 29), st.integers(0, 29), st.integers(1, 8),
                        st.integers(1, 8), st.booleans())
        return pick(st.sampled_from(comps), cut) if comps else cut
    if t == OBJS:
        comps = _components(g)
        return pick(st.just(comps), st.lists(st.sampled_from(comps), max_size=5).map(tuple)) if comps \
            else st.just(())
    if t == INDICES:
        return pick(st.builds(_positions, st.just(g), st.sampled_from(palette)),
                         st.builds(lambda o: Indices(o.top, o.left, o.a != EMPTY), related(OBJ, g)))
    if t == BOOL:
        return bools
    raise AssertionError(f"no strategy for {t}")


def strategy_for(t: BaseType, g: Grid | None = None) -> st.SearchStrategy[Any]:
    """Random values of a ground DSL type; with a context grid g, mostly values related to g."""
    free = _free(t)
    if g is None or t == BOOL:
        return free
    return pick(related(t, g), related(t, g), free)


def _free(t: BaseType) -> st.SearchStrategy[Any]:
    """Random values of a ground DSL type, independent of anything else in the example."""
    if t == GRID:
        return _grid_strategy()
    if t == GRIDS:
        return pick(st.lists(_grid_strategy(), max_size=4).map(tuple),
                         st.builds(_same_shape_grids, st.integers(0, 4), st.integers(1, 10), st.integers(0, 2**31),
                                   palettes))
    if t == OBJ:
        return _patches(Obj)
    if t == OBJS:
        return st.lists(_patches(Obj), max_size=6).map(tuple)
    if t == INDICES:
        return _patches(Indices)
    if t == INT:
        return ints
    if t == COLOUR:
        return colours
    if t == BOOL:
        return bools
    if t == POINT:
        return points
    raise AssertionError(f"no strategy for {t}")


# --------------------------------------------------------------------------------- function values
def _as_dsl_function(fn: Callable[[Any], Any], name: str) -> Callable[[Any], Any]:
    """Wrap a Python function the way the interpreter wraps a `_` body: failures become DSLError, results are checked."""
    def call(x: Any) -> Any:
        try:
            out = fn(x)
        except DSLError:
            raise
        except Exception as e:  # the inner primitive's own properties are tested separately
            raise DSLError(f"{name}: {type(e).__name__}: {e}") from None
        check_value(name, out)
        return out
    return call


def _bodies(ft: FnType) -> list[Primitive]:
    """First-order primitives that can be the body of a function of type ft (one parameter takes `_`)."""
    return [p for p in REGISTRY.values()
            if p.ret == ft.ret and ft.arg in p.params and not any(isinstance(q, FnType) for q in p.params)]


@st.composite
def functions(draw: Callable[[st.SearchStrategy[Any]], Any], ft: FnType, g: Grid | None = None) -> Callable[[Any], Any]:
    """A random value of a function type: partial application of a primitive, the identity, or a constant."""
    kinds = ["partial", "partial", "const"] + (["identity"] if ft.arg == ft.ret else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "identity":
        return _as_dsl_function(lambda x: x, "identity")
    if kind == "const":
        v = draw(strategy_for(ft.ret, g))
        return _as_dsl_function(lambda _x: v, "const")
    body = draw(st.sampled_from(sorted(_bodies(ft), key=lambda p: p.name)))
    slots = [i for i, q in enumerate(body.params) if q == ft.arg]
    slot = draw(st.sampled_from(slots))
    fixed = [None if i == slot else draw(strategy_for(q, g)) for i, q in enumerate(body.params)]  # type: ignore[arg-type]

    def apply(x: Any) -> Any:
        args = list(fixed)
        args[slot] = x
        return body.fn(*args)
    return _as_dsl_function(apply, body.name)


def argument(t: DType, g: Grid | None = None) -> st.SearchStrategy[Any]:
    """Random values of a parameter type (ground or function), related to the context grid g when given."""
    return functions(t, g) if isinstance(t, FnType) else strategy_for(t, g)


@st.composite
def arguments(draw: Callable[[st.SearchStrategy[Any]], Any], p: Primitive) -> tuple[Any, ...]:
    """Arguments for p: a context grid is drawn first (usually p's first Grid argument), the rest mostly fit it."""
    g = draw(pick(_grid_strategy(), _grid_strategy(), partitioned))
    out, first = [], True
    for t in p.params:
        if t == GRID and first and draw(st.integers(0, 4)) > 0:
            out.append(g)
        else:
            out.append(draw(argument(t, g)))
        first = first and t != GRID
    return tuple(out)


# ---------------------------------------------------------------------------------------- checking
def conforms(v: Any, t: BaseType) -> bool:
    """Whether v is a value of DSL type t with exact Python types (no numpy scalars, no bools for ints)."""
    if t == GRID:
        return isinstance(v, Grid) and v.h <= MAX_INNER_SIDE and v.w <= MAX_INNER_SIDE
    if t == GRIDS:
        return isinstance(v, tuple) and all(conforms(g, GRID) for g in v)
    if t == OBJ:
        return isinstance(v, Obj)
    if t == OBJS:
        return isinstance(v, tuple) and all(isinstance(o, Obj) for o in v)
    if t == INDICES:
        return isinstance(v, Indices)
    if t == INT:
        return type(v) is int
    if t == COLOUR:
        return type(v) is int and 0 <= v <= 9
    if t == BOOL:
        return type(v) is bool
    if t == POINT:
        return isinstance(v, tuple) and len(v) == 2 and all(type(x) is int for x in v)
    raise AssertionError(t)


class CallTimeout(Exception):
    """A primitive call ran past CALL_SECONDS."""


def _vm_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


class guarded:
    """Run one call under a SIGALRM wall-clock limit and a temporary RLIMIT_AS cap (both restored after)."""

    def __enter__(self) -> "guarded":
        self.old_as = resource.getrlimit(resource.RLIMIT_AS)
        cap = _vm_bytes() + CALL_MEMORY
        hard = self.old_as[1]
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))

        def on_alarm(signum: int, frame: Any) -> None:
            raise CallTimeout(f"call exceeded {CALL_SECONDS} s")
        self.old_handler = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, CALL_SECONDS)
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.old_handler)
        resource.setrlimit(resource.RLIMIT_AS, self.old_as)
        self.seconds = time.perf_counter() - self.t0


@pytest.fixture(scope="module", autouse=True)
def _load_real_grids() -> None:
    """Load the real grids once, outside any strategy (hypothesis forbids the random module inside one)."""
    _real_grids()


def _names() -> Iterator[str]:
    return iter(sorted(REGISTRY))


#: Outcomes over the whole run, for the summary test: primitive -> [returned, dsl_error].
OUTCOMES: dict[str, list[int]] = {}
#: Slowest single call per primitive (seconds), for the summary test.
SLOWEST: dict[str, float] = {}


@pytest.mark.parametrize("name", list(_names()))
def test_primitive_returns_declared_type_or_dsl_error(name: str) -> None:
    """Random valid arguments: a value of the declared type (hashable, the same on a second call) or DSLError;
    nothing else, no hang, no explosion."""
    p = REGISTRY[name]
    counts = OUTCOMES.setdefault(name, [0, 0])

    @SETTINGS
    @given(arguments(p))
    def prop(args: tuple[Any, ...]) -> None:
        guard = guarded()
        try:
            with guard:
                out = p.fn(*args)
        except DSLError:
            counts[1] += 1
            return
        except CallTimeout:
            pytest.fail(f"{p.signature} ran longer than {CALL_SECONDS} s on {args!r}")
        except MemoryError:
            pytest.fail(f"{p.signature} tried to allocate over {CALL_MEMORY >> 20} MiB on {args!r}")
        except Exception as e:
            pytest.fail(f"{p.signature} raised {type(e).__name__}: {e} on {args!r}")
        finally:
            SLOWEST[name] = max(SLOWEST.get(name, 0.0), getattr(guard, "seconds", 0.0))
        assert conforms(out, p.ret), f"{p.signature} returned {type(out).__name__} {out!r} on {args!r}"
        hash(out)  # values are dict keys in the search (value vectors)
        with guarded():
            again = p.fn(*args)
        assert again == out, f"{p.signature} is not deterministic on {args!r}: {out!r} then {again!r}"
        counts[0] += 1

    prop()


EXTREME_SIZES = (MAX_INT, -MAX_INT, 61, 3600)
EXTREME_POINTS = ((MAX_INT, MAX_INT), (-MAX_INT, MAX_INT), (MAX_INT, -MAX_INT), (61, 61), (3600, 1))
#: Address space a call with extreme size arguments may add: far below what honouring them would take.
EXTREME_MEMORY = 256 * 1024**2


def _extreme_arguments(p: Primitive) -> Iterator[tuple[Any, ...]]:
    """Arguments with every Int and Point at a size extreme (same extreme for all), the rest ordinary."""
    g = _make_grid(30, 30, [0, 1, 2, 3], 5, 0.1, 1)
    comps = _components(g)
    ordinary: dict[BaseType, Any] = {GRID: g, GRIDS: (g, g, g, g), OBJ: comps[0], OBJS: comps,
                                     INDICES: _positions(g, 1), COLOUR: 1, BOOL: True}
    for k in range(len(EXTREME_SIZES)):
        for b in (True, False):
            args = []
            for t in p.params:
                if isinstance(t, FnType):
                    args.append(_as_dsl_function(lambda x: x, "identity") if t.arg == t.ret else
                                _as_dsl_function(lambda _x, v=_extreme_value(t.ret, k): v, "const"))
                else:
                    args.append(_extreme_value(t, k) if t in (INT, POINT) else (b if t == BOOL else ordinary[t]))
            yield tuple(args)


def _extreme_value(t: BaseType, k: int) -> Any:
    if t == INT:
        return EXTREME_SIZES[k % len(EXTREME_SIZES)]
    if t == POINT:
        return EXTREME_POINTS[k % len(EXTREME_POINTS)]
    return {COLOUR: 1, BOOL: True}.get(t, Grid([[1]]) if t == GRID else ())


@pytest.mark.parametrize("name", [n for n in _names() if any(t in (INT, POINT) for t in REGISTRY[n].params)])
def test_extreme_sizes_fail_before_allocating(name: str) -> None:
    """Every Int/Point argument at ±MAX_INT (or just past the grid bounds): DSLError or a value, within a small
    memory cap, i.e. sizes are checked before anything proportional to them is allocated."""
    global CALL_MEMORY
    p = REGISTRY[name]
    counts = OUTCOMES.setdefault("extreme:" + name, [0, 0])
    saved, CALL_MEMORY = CALL_MEMORY, EXTREME_MEMORY
    try:
        for args in _extreme_arguments(p):
            try:
                with guarded():
                    out = p.fn(*args)
            except DSLError:
                counts[1] += 1
                continue
            except CallTimeout:
                pytest.fail(f"{p.signature} ran longer than {CALL_SECONDS} s on extreme sizes {args!r}")
            except MemoryError:
                pytest.fail(f"{p.signature} allocated over {EXTREME_MEMORY >> 20} MiB on extreme sizes {args!r}")
            except Exception as e:
                pytest.fail(f"{p.signature} raised {type(e).__name__}: {e} on {args!r}")
            assert conforms(out, p.ret), f"{p.signature} returned {type(out).__name__} {out!r} on {args!r}"
            counts[0] += 1
    finally:
        CALL_MEMORY = saved


def test_property_run_covered_every_primitive() -> None:
    """Every primitive ran in this session, and in total most calls returned a value (not only errors)."""
    ran = {n: c for n, c in OUTCOMES.items() if sum(c) > 0 and not n.startswith("extreme:")}
    extreme = sum(sum(c) for n, c in OUTCOMES.items() if n.startswith("extreme:"))
    if len(ran) < len(REGISTRY):
        pytest.skip("run with the whole file to check coverage")
    returned = sum(c[0] for c in ran.values())
    total = sum(sum(c) for c in ran.values())
    never = sorted(n for n, c in ran.items() if c[0] == 0)
    print(f"\nprimitive property examples: {total} over {len(ran)} primitives "
          f"({returned} returned a value, {total - returned} raised DSLError)")
    print(f"extreme-size calls: {extreme}")
    slow = sorted(SLOWEST.items(), key=lambda kv: -kv[1])[:5]
    print("slowest single calls: " + ", ".join(f"{n} {t * 1000:.0f} ms" for n, t in slow))
    assert returned > total // 2
    assert len(never) <= len(REGISTRY) // 10, f"primitives that never returned a value: {never}"

