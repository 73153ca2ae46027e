"""CNF encoding of output grids for MaxSAT, and a time-bounded RC2 call.

A variable p(g, i, j, c) says "cell (i, j) of grid g has colour c"; every grid's variables come from one
shared `IDPool`, and each cell takes exactly one colour of its domain (hard clauses from `pysat.card`).
Rules are added as hard clauses (in named groups, so an unsatisfiable hard set can be relaxed group by
group) or as weighted soft clauses: implications, cell equalities (symmetries, translations, periods),
colour maps whose table is itself a set of variables, and cardinality bounds (counts).

Time bound: RC2 has no timeout of its own, so `Encoding.solve` runs `RC2.compute(expect_interrupt=True)`
with a `threading.Timer` that calls `RC2.interrupt()` at the deadline (the SAT oracle, MiniSat 2.2, stops
inside its search within milliseconds; RC2 then returns no model, reported as status "timeout"). The instances are kept small (one grid
of at most 30x30 cells, at most 10 colours per cell), so building and core processing stay in the
milliseconds; the uniqueness check is one SAT call bounded the same way (`solve_limited` + `interrupt`).
"""
from __future__ import annotations

import contextlib
import functools
import threading
import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Callable, Hashable, Iterable, Iterator, Optional, Sequence

import numpy as np

from arcsynth.dsl.grid import Grid

if TYPE_CHECKING:
    from pysat.formula import WCNF

Cell = tuple[int, int]
#: Group name of the structural clauses (exactly-one colour per cell, map tables); never relaxed.
BASE = "base"
#: SAT oracle under RC2 and for uniqueness checks: MiniSat 2.2 honours `interrupt()` within milliseconds
#: (measured: Glucose 3/4 checked it only at restarts and overran a 0.2 s limit by up to 1.1 s on pigeonhole
#: instances; CaDiCaL has no limited solve at all).
ORACLE = "m22"
#: Weight a relaxed hard group gets: more than any single soft clause but no longer inviolable.
RELAX_WEIGHT = 1000


@functools.lru_cache(maxsize=1)
def load_sat_solver() -> SimpleNamespace:
    """python-sat's encodings and solvers, imported on first use (or by the Solver before any solve)."""
    from pysat.card import CardEnc, EncType  # heavy: python-sat and its native solvers (~0.2 s)
    from pysat.examples.rc2 import RC2, RC2Stratified  # heavy: as above
    from pysat.formula import WCNF, IDPool  # heavy: as above
    from pysat.solvers import Solver  # heavy: as above
    return SimpleNamespace(CardEnc=CardEnc, EncType=EncType, RC2=RC2, RC2Stratified=RC2Stratified, WCNF=WCNF,
                           IDPool=IDPool, Solver=Solver)


@contextlib.contextmanager
def _interrupt_after(seconds: float, interrupt: Callable[[], object]) -> Iterator[None]:
    """Call `interrupt` (a solver's) from a daemon timer after `seconds`, unless the block ends first."""
    timer = threading.Timer(max(seconds, 0.0), interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()

class GridVars:
    """The cell-colour variables of one h×w grid: p(i, j, c) for each colour c of the grid's domain.

    Cells given in `known` (colour >= 0) are constants: they get no variables, and rules that touch them
    become unit clauses on the other cell. Cells merged by `rep` (a representative flat index per cell,
    from hard equalities joined beforehand) share one set of variables. Both keep instances small.
    """

    def __init__(self, enc: "Encoding", key: Hashable, h: int, w: int, colours: Sequence[int],
                 known: Optional[np.ndarray] = None, rep: Optional[np.ndarray] = None):
        self.enc, self.key, self.h, self.w = enc, key, h, w
        self.colours = tuple(sorted(set(int(c) for c in colours)))
        self.known = np.full((h, w), -1, dtype=np.int16) if known is None else np.asarray(known, dtype=np.int16)
        self.rep = np.arange(h * w) if rep is None else np.asarray(rep)
        self.cells: list[Cell] = [(i, j) for i in range(h) for j in range(w)]
        self.free: list[Cell] = [c for c in self.cells if self.known[c] < 0 and self.rep[c[0] * w + c[1]] == c[0] * w + c[1]]

    def _r(self, cell: Cell) -> Cell:
        r = int(self.rep[cell[0] * self.w + cell[1]])
        return (r // self.w, r % self.w)

    def known_colour(self, cell: Cell) -> Optional[int]:
        """The constant colour of a known cell, None for a free one."""
        k = int(self.known[self._r(cell)])
        return k if k >= 0 else None

    def var(self, cell: Cell, c: int) -> Optional[int]:
        """The variable "free cell has colour c", or None when c is outside the domain or the cell is known."""
        cell = self._r(cell)
        if c not in self.colours or self.known[cell] >= 0:
            return None
        return self.enc.pool.id((self.key, cell[0], cell[1], int(c)))

    def lits(self, cell: Cell) -> list[int]:
        """All colour variables of one free cell."""
        return [self.enc.pool.id((self.key, cell[0], cell[1], c)) for c in self.colours]

    def decode(self, model: set[int]) -> Grid:
        """The grid a model assigns (a free cell with no true colour variable gets the domain's first colour)."""
        a = np.where(self.known >= 0, self.known, self.colours[0] if self.colours else 0).astype(np.int8)
        for (i, j) in self.free:
            for c in self.colours:
                if self.enc.pool.id((self.key, i, j, c)) in model:
                    a[i, j] = c
                    break
        return Grid(a.ravel()[self.rep].reshape(self.h, self.w))


class MapVars:
    """A colour map as variables: m(s, t) says "colour s maps to t"; exactly one target per source."""

    def __init__(self, enc: "Encoding", key: Hashable, sources: Sequence[int], targets: Sequence[int]):
        self.enc, self.key = enc, key
        self.sources = tuple(sorted(set(sources)))
        self.targets = tuple(sorted(set(targets)))

    def var(self, s: int, t: int) -> int:
        """The variable "s maps to t"."""
        return self.enc.pool.id((self.key, "map", int(s), int(t)))

    def decode(self, model: set[int]) -> dict[int, int]:
        """The map a model assigns."""
        return {s: t for s in self.sources for t in self.targets if self.var(s, t) in model}


@dataclass
class SatResult:
    """Outcome of one MaxSAT call: status, model, cost, size of the instance and what was relaxed."""

    status: str                       # optimum | timeout | unsat
    model: Optional[set[int]]
    cost: int
    seconds: float
    n_vars: int
    n_hard: int
    n_soft: int
    relaxed: list[str] = field(default_factory=list)  # hard groups turned soft because the hard set was UNSAT

    @property
    def ok(self) -> bool:
        return self.model is not None

    def size(self) -> dict:
        """CNF size and timing, for traces and examples."""
        return {"vars": self.n_vars, "hard": self.n_hard, "soft": self.n_soft, "seconds": round(self.seconds, 4),
                "status": self.status, "cost": self.cost, "relaxed": self.relaxed}


def merge_equal(h: int, w: int, pairs: Iterable[tuple[int, int]], known: np.ndarray
                ) -> Optional[tuple[np.ndarray, np.ndarray]]:
    """Join cells that hard equalities make equal (union-find over flat indices).

    Returns (representative per cell, known colour per cell with every component's constant spread to all its
    cells), or None when a component holds two different known colours (the hard set is then inconsistent and
    is encoded clause by clause instead, so MaxSAT can relax it).
    """
    parent = np.arange(h * w)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = int(parent[root])
        while parent[x] != root:
            parent[x], x = root, int(parent[x])
        return root

    for a, b in pairs:
        ra, rb = find(int(a)), find(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    rep = np.array([find(i) for i in range(h * w)])
    flat = np.asarray(known).ravel()
    comp = np.full(h * w, -1, dtype=np.int16)
    for i in np.flatnonzero(flat >= 0):
        r = rep[i]
        if comp[r] < 0:
            comp[r] = flat[i]
        elif comp[r] != flat[i]:
            return None
    return rep, comp[rep].reshape(h, w)


class Encoding:
    """One MaxSAT instance: grids and maps of variables over a shared IDPool, grouped hard clauses, soft clauses."""

    def __init__(self) -> None:
        self.pool = load_sat_solver().IDPool()
        self.hard: list[tuple[list[int], str]] = []
        self.soft: list[tuple[list[int], int]] = []
        self.grids: dict[Hashable, GridVars] = {}

    # ------------------------------------------------------------------ variables
    def grid(self, key: Hashable, h: int, w: int, colours: Sequence[int],
             known: Optional[np.ndarray] = None, rep: Optional[np.ndarray] = None) -> GridVars:
        """Register an h×w grid: exactly one colour (of `colours`) per free cell; `known` cells (>= 0) are constants;
        cells with the same `rep` share variables (see `merge_equal`)."""
        g = GridVars(self, key, h, w, colours, known, rep)
        self.grids[key] = g
        for cell in g.free:
            self._exactly_one(g.lits(cell))
        return g

    def colour_map(self, key: Hashable, sources: Sequence[int], targets: Sequence[int]) -> MapVars:
        """Register a colour map as variables, exactly one target per source."""
        m = MapVars(self, key, sources, targets)
        for s in m.sources:
            self._exactly_one([m.var(s, t) for t in m.targets])
        return m

    def aux(self, name: Hashable) -> int:
        """A fresh named auxiliary variable."""
        return self.pool.id(("aux", name))

    def _exactly_one(self, lits: list[int]) -> None:
        ps = load_sat_solver()
        enc = ps.EncType.pairwise if len(lits) <= 6 else ps.EncType.seqcounter
        for cl in ps.CardEnc.equals(lits=lits, bound=1, vpool=self.pool, encoding=enc).clauses:
            self.hard.append((list(cl), BASE))

    # ------------------------------------------------------------------ clauses
    def add(self, clause: Sequence[int], weight: Optional[int] = None, group: str = BASE) -> None:
        """A hard clause (weight None) in a group, or a soft clause of positive integer weight."""
        cl = [int(x) for x in clause]
        if weight is None:
            self.hard.append((cl, group))
        elif weight > 0:
            self.soft.append((cl, int(weight)))

    def implies(self, pre: Sequence[int], post: Sequence[int], weight: Optional[int] = None, group: str = "rule") -> None:
        """AND(pre) -> OR(post), hard or soft."""
        self.add([-x for x in pre] + list(post), weight, group)

    def fix(self, g: GridVars, cell: Cell, c: int, weight: Optional[int] = None, group: str = "fix") -> None:
        """Cell has colour c (hard, or soft with a weight); an impossible hard fix is an empty clause."""
        k = g.known_colour(cell)
        if k is not None:
            if k != c and weight is None:
                self.add([], None, group)
            return
        v = g.var(cell, c)
        if v is not None:
            self.add([v], weight, group)
        elif weight is None:
            self.add([], None, group)

    def forbid(self, g: GridVars, cell: Cell, c: int, weight: Optional[int] = None, group: str = "forbid") -> None:
        """Cell does not have colour c."""
        k = g.known_colour(cell)
        if k is not None:
            if k == c and weight is None:
                self.add([], None, group)
            return
        v = g.var(cell, c)
        if v is not None:
            self.add([-v], weight, group)

    def equal(self, ga: GridVars, a: Cell, gb: GridVars, b: Cell, weight: Optional[int] = None,
              group: str = "equal") -> None:
        """Cells a (of ga) and b (of gb) have the same colour: hard, or soft through one indicator variable."""
        if weight is not None and weight <= 0:
            return
        if ga is gb and ga._r(a) == ga._r(b):
            return
        ka, kb = ga.known_colour(a), gb.known_colour(b)
        if ka is not None and kb is not None:
            if ka != kb and weight is None:
                self.add([], None, group)
            return
        if ka is not None:
            self.fix(gb, b, ka, weight, group)
            return
        if kb is not None:
            self.fix(ga, a, kb, weight, group)
            return
        pre: list[int] = []
        if weight is not None:
            e = self.aux(("eq", ga.key, a, gb.key, b))
            self.soft.append(([e], int(weight)))
            pre = [e]
            group = BASE  # the indicator carries the softness; its implications are structural
        for c in sorted(set(ga.colours) | set(gb.colours)):
            va, vb = ga.var(a, c), gb.var(b, c)
            if va is not None and vb is not None:
                self.add([-x for x in pre] + [-va, vb], None, group)
                self.add([-x for x in pre] + [-vb, va], None, group)
            elif va is not None:
                self.add([-x for x in pre] + [-va], None, group)
            elif vb is not None:
                self.add([-x for x in pre] + [-vb], None, group)

    def equal_cells(self, g: GridVars, pairs: Iterable[tuple[Cell, Cell]], weight: Optional[int] = None,
                    group: str = "equal") -> int:
        """Equalities between cell pairs of one grid (a symmetry, translation or period); returns how many."""
        n = 0
        for a, b in pairs:
            if a != b:
                self.equal(g, a, g, b, weight, group)
                n += 1
        return n

    def map_link(self, g: GridVars, cell: Cell, src_colour: int, m: MapVars, weight: Optional[int] = None,
                 group: str = "map") -> None:
        """Cell's colour is m(src_colour): m(s, t) <-> p(cell, t), hard or soft (a known cell pins the map)."""
        if src_colour not in m.sources:
            return
        k = g.known_colour(cell)
        if k is not None:
            if k in m.targets:
                self.add([m.var(src_colour, k)], weight, group)
            elif weight is None:
                self.add([], None, group)
            return
        pre: list[int] = []
        if weight is not None:
            e = self.aux(("map", g.key, cell, m.key))
            self.soft.append(([e], int(weight)))
            pre, group = [e], BASE
        for t in m.targets:
            pv = g.var(cell, t)
            mv = m.var(src_colour, t)
            if pv is None:
                self.add([-x for x in pre] + [-mv], None, group)
            else:
                self.add([-x for x in pre] + [-mv, pv], None, group)
                self.add([-x for x in pre] + [-pv, mv], None, group)

    def count(self, lits: Sequence[int], lo: Optional[int] = None, hi: Optional[int] = None,
              group: str = "count") -> None:
        """lo <= (number of true lits) <= hi, as hard cardinality clauses in a group."""
        lits = list(lits)
        ps = load_sat_solver()
        if lo is not None and hi is not None and lo == hi:
            cls = ps.CardEnc.equals(lits=lits, bound=lo, vpool=self.pool, encoding=ps.EncType.seqcounter).clauses
        else:
            cls = []
            if lo is not None and lo > 0:
                cls += ps.CardEnc.atleast(lits=lits, bound=lo, vpool=self.pool, encoding=ps.EncType.seqcounter).clauses
            if hi is not None and hi < len(lits):
                cls += ps.CardEnc.atmost(lits=lits, bound=hi, vpool=self.pool, encoding=ps.EncType.seqcounter).clauses
        for cl in cls:
            self.hard.append((list(cl), group))

    def colour_count(self, g: GridVars, c: int, lo: Optional[int] = None, hi: Optional[int] = None,
                     group: str = "count") -> None:
        """Bound the number of cells of colour c in a grid."""
        fixed = int(np.count_nonzero(g.known == c))
        lits = [v for cell in g.free if (v := g.var(cell, c)) is not None]
        lo2 = None if lo is None else lo - fixed
        hi2 = None if hi is None else hi - fixed
        if (hi2 is not None and hi2 < 0) or (lo2 is not None and lo2 > len(lits)):
            self.add([], None, group)
            return
        if lits:
            self.count(lits, lo2, hi2, group)

    # ------------------------------------------------------------------ solving
    def groups(self) -> list[str]:
        """Names of the relaxable hard groups, in order of first use."""
        seen: dict[str, None] = {}
        for _cl, gname in self.hard:
            if gname != BASE:
                seen.setdefault(gname, None)
        return list(seen)

    def wcnf(self, relax: Sequence[str] = ()) -> "WCNF":
        """The instance as a WCNF; clauses of the groups in `relax` become soft with RELAX_WEIGHT."""
        w = load_sat_solver().WCNF()
        rel = set(relax)
        for cl, gname in self.hard:
            if gname in rel:
                if cl:
                    w.append(cl, weight=RELAX_WEIGHT)
            else:
                w.append(cl)
        for cl, wt in self.soft:
            w.append(cl, weight=wt)
        return w

    def size(self) -> dict:
        """Number of variables, hard and soft clauses."""
        return {"vars": self.pool.top, "hard": len(self.hard), "soft": len(self.soft)}

    def solve(self, time_limit: float) -> SatResult:
        """MaxSAT optimum within time_limit seconds; an UNSAT hard set is relaxed (all named groups soft) and re-solved."""
        t0 = time.monotonic()
        res = self._rc2(self.wcnf(), time_limit)
        if res.status == "unsat" and self.groups():
            left = time_limit - (time.monotonic() - t0)
            relaxed = self.groups()
            res2 = self._rc2(self.wcnf(relaxed), left)
            res2.relaxed = relaxed
            if res2.ok:
                res2.status = "relaxed"
            res = res2
        res.seconds = time.monotonic() - t0
        return res

    def _rc2(self, w: "WCNF", time_limit: float) -> SatResult:
        t0 = time.monotonic()
        base = dict(n_vars=self.pool.top, n_hard=len(w.hard), n_soft=len(w.soft))
        if time_limit <= 0:
            return SatResult("timeout", None, 0, 0.0, **base)
        if any(not cl for cl in w.hard):
            return SatResult("unsat", None, 0, 0.0, **base)
        weights = {wt for wt in w.wght}
        ps = load_sat_solver()
        cls = ps.RC2Stratified if len(weights) > 1 else ps.RC2
        with cls(w, solver=ORACLE) as rc2:
            with _interrupt_after(time_limit, rc2.interrupt):
                model = rc2.compute(expect_interrupt=True)
            interrupted = rc2.interrupted
            cost = rc2.cost
        secs = time.monotonic() - t0
        if model is None:
            return SatResult("timeout" if interrupted else "unsat", None, 0, secs, **base)
        return SatResult("optimum", set(x for x in model if x > 0), int(cost), secs, **base)

    def is_unique(self, g: GridVars, model: set[int], cells: Sequence[Cell], time_limit: float,
                  keep_soft: bool = True) -> Optional[bool]:
        """Whether the hard clauses (plus the soft clauses the model satisfies) force `cells` to the model's colours.

        One SAT call bounded by `solve_limited` + `interrupt` from a Timer; None when it ran out of time.
        """
        if not cells:
            return True
        clauses = [cl for cl, _g in self.hard]
        if keep_soft:
            clauses += [cl for cl, _w in self.soft if any((x > 0) == (abs(x) in model) for x in cl)]
        diff = []
        for cell in cells:
            for c in g.colours:
                v = g.var(cell, c)
                if v is not None and v in model:
                    diff.append(-v)
        with load_sat_solver().Solver(name=ORACLE, bootstrap_with=clauses) as s:
            s.add_clause(diff)
            with _interrupt_after(time_limit, s.interrupt):
                r = s.solve_limited(expect_interrupt=True)
        return None if r is None else not r
