"""The MaxSAT stage of the solver: completion, consensus/repair and colour-map inference over output grids.

* **Completion.** When the train outputs are the inputs with the cells of one *mask* colour replaced (or
  the hidden patch under a solid box of that colour), and the mined symmetries/periods hold on the
  completed grids, each input is completed by MaxSAT: visible cells are constants, every selected
  symmetry equates cell pairs (hard, or soft weighted by its support), the mask colour is forbidden
  where it never survives (else kept by a weak soft clause). Symmetries whose position varies between
  pairs are placed on each input by fitting them to its visible cells. A procedure is offered only when
  it reproduces every train output from its input alone.
* **Consensus and repair.** Near-miss programs (right on most train cells) vote per cell as soft clauses
  weighted by their posterior, under the mined hard invariants (palette, symmetries, kept cells, counts);
  offered only when the same vote reproduces every train output from the programs' train predictions.
* **Colour maps.** A map as variables (exactly one target per colour, injective when the train maps are),
  pinned by the train cells, with "stay the same" as a weak preference: completes maps for colours that
  the train pairs never show.

Every MaxSAT call is bounded in time (see engine/sat/encode.py); an unsatisfiable hard set is relaxed
and reported in the trace, never fatal.
"""
from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from arcsynth.dsl.grid import Grid
from arcsynth.sat.encode import Encoding, SatResult, merge_equal
from arcsynth.sat.mine import (
    FAMILIES,
    Fit,
    Mined,
    anchor_offset,
    background,
    family_params,
    fit,
    holds,
    is_box,
    mask_box,
    mine,
    partner_map,
    quick_mode,
)

#: Largest number of symmetries one completion imposes (keeps the CNF small).
MAX_SYMMETRIES = 24
#: Largest estimated number of clauses of a soft completion instance; larger ones are not built.
MAX_CLAUSES = 20_000


@dataclass
class Procedure:
    """One completion procedure: which symmetries to impose on an input, and how strictly."""

    name: str
    consts: tuple[tuple[str, tuple], ...] = ()   # mined (family, param) pairs that hold on every train grid
    families: tuple[str, ...] = ()               # families whose parameter is fitted on each input
    soft: bool = False                           # symmetries as soft clauses (weighted by fit) instead of hard
    min_ratio: float = 0.5                       # fitted symmetry: share of visible partners that must agree
    max_conflict_share: float = 0.0              # fitted symmetry: share of visible pairs allowed to disagree
    default_bg: bool = False                     # hidden cells no symmetry reaches take the background colour


@dataclass
class StageLog:
    """What the stage did: mined invariants, procedures tried, CNF sizes and times, errors."""

    mined: list[str] = field(default_factory=list)
    tried: list[dict] = field(default_factory=list)
    cnf: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        """Compact form for the solver trace."""
        sizes = [c for c in self.cnf if c.get("status") != "skipped"]
        return {"mined": len(self.mined), "tried": self.tried, "sat_calls": len(sizes),
                "max_vars": max((c["vars"] for c in sizes), default=0),
                "max_clauses": max((c["hard"] + c["soft"] for c in sizes), default=0),
                "sat_seconds": round(sum(c["seconds"] for c in sizes), 3),
                "timeouts": sum(c["status"] == "timeout" for c in sizes),
                "relaxed": sum(bool(c.get("relaxed")) for c in sizes), "seconds": round(self.seconds, 3)}


# ---------------------------------------------------------------------------------------------- completion
def procedures(mined: Mined) -> list[Procedure]:
    """Completion procedures worth verifying for a task, most specific first."""
    if mined.mode is None:
        return []
    consts = tuple(v.params for v in mined.of_kind("symmetry"))
    all_fams = tuple(v.params[0] for v in mined.of_kind("family") if v.hard)
    most_fams = tuple(v.params[0] for v in mined.of_kind("family") if v.support >= 0.5)
    out: list[Procedure] = []
    if consts:
        out.append(Procedure("mined symmetries", consts=consts[:MAX_SYMMETRIES]))
    if all_fams:
        out.append(Procedure("fitted symmetries", consts=consts[:MAX_SYMMETRIES], families=all_fams))
        out.append(Procedure("fitted symmetries, soft", consts=consts[:MAX_SYMMETRIES], families=all_fams, soft=True,
                             min_ratio=0.4, max_conflict_share=0.05))
    if all_fams and mined.mask_vanishes:
        out.append(Procedure("fitted symmetries, background elsewhere", consts=consts[:MAX_SYMMETRIES],
                             families=all_fams, default_bg=True))
    if most_fams and most_fams != all_fams:
        out.append(Procedure("fitted symmetries of most pairs, soft", families=most_fams, soft=True,
                             min_ratio=0.4, max_conflict_share=0.05))
    return out


@functools.lru_cache(maxsize=256)
def _fits(a_bytes: bytes, shape: tuple[int, int], vis_bytes: bytes, fam: str, bg: int,
          share: float) -> tuple[tuple[tuple, Fit], ...]:
    """Every parameter of a family that links hidden to visible cells with at most `share` visible conflicts
    (cached: the procedures of one task fit the same inputs)."""
    h, w = shape
    a = np.frombuffer(a_bytes, dtype=np.int8).reshape(shape)
    vis = np.frombuffer(vis_bytes, dtype=bool).reshape(shape)
    out = []
    for p in family_params(fam, h, w):
        src, _dst = partner_map(fam, p, h, w)
        f = fit(a, vis, fam, p, bg, max_conflict=int(share * src.size))
        if f is not None and f.linked > 0:
            out.append((p, f))
    return tuple(out)


def _select(a: np.ndarray, vis: np.ndarray, proc: Procedure, bg: int, vanishes: bool = True,
            support: Optional[list[float]] = None) -> list[tuple[str, tuple, int]]:
    """Symmetries to impose on one input: (family, param, weight); weight 0 means hard.

    With `support` given, the number of agreeing visible non-background cells of each chosen symmetry is
    appended to it.
    """
    h, w = a.shape
    chosen: dict[tuple[str, tuple], int] = {}
    ratios: dict[tuple[str, tuple], float] = {}
    for fam, p in proc.consts:
        if fam not in FAMILIES:
            continue
        f = fit(a, vis, fam, p, bg)
        # where hidden cells may keep the mask colour, a mined symmetry must also be borne out by the input's
        # own visible cells (else it would paint over cells that stay as they are)
        if f is not None and f.conflict == 0 and (vanishes or f.content == 0 or f.ratio >= proc.min_ratio):
            chosen[(fam, p)] = 0 if not proc.soft else 10
            ratios[(fam, p)] = f.agree
    scored: list[tuple[float, str, tuple, int]] = []
    for fam in proc.families:
        for p, f in _fits(a.tobytes(), a.shape, vis.tobytes(), fam, bg, proc.max_conflict_share):
            if (fam, p) in chosen:
                continue
            src, _dst = partner_map(fam, p, h, w)
            limit = int(proc.max_conflict_share * src.size)
            if holds(f, min_ratio=proc.min_ratio, max_conflict=limit):
                weight = 0 if not proc.soft else max(1, int(round(10 * f.ratio)))
                scored.append((f.ratio * f.cover, fam, p, weight))
                ratios[(fam, p)] = f.agree
    scored.sort(key=lambda x: -x[0])
    best_of: set[str] = set()
    for _s, fam, p, wt in scored:
        if len(chosen) >= MAX_SYMMETRIES:
            break
        if fam != "translate":  # one axis/centre per family; translations form a lattice of periods
            if fam in best_of:
                continue
            best_of.add(fam)
        chosen[(fam, p)] = wt
    if support is not None:
        support.extend(ratios[k] for k in chosen)
    return [(fam, p, wt) for (fam, p), wt in chosen.items()]


def infer_mask(a: np.ndarray, proc: Procedure, vanishes: bool, box_only: bool = False) -> Optional[int]:
    """The colour whose removal leaves the visible cells most symmetric (for masks that vary by pair): the
    colour whose removal leaves the most cells agreeing under the symmetries the procedure would impose."""
    best: Optional[tuple[float, int, int]] = None
    bg = background(a)
    colours, counts = np.unique(a, return_counts=True)
    for c, n in zip(colours.tolist(), counts.tolist()):
        if n * 2 > a.size or (box_only and not is_box(a, c)):
            continue
        sup: list[float] = []
        _select(a, a != c, proc, bg, vanishes, sup)
        if not sup:
            continue
        key = (sum(sup), -n, -c)
        if best is None or key > best:
            best = key
    return None if best is None else -best[2]


def complete(inp: Grid, mined: Mined, proc: Procedure, time_limit: float,
             log: Optional[StageLog] = None, shape: Optional[tuple[int, int]] = None) -> Optional[Grid]:
    """Complete one input under a procedure: the filled grid (fill mode), the hidden patch (crop mode) or the
    larger canvas of predicted `shape` around the input (extend mode); None when not determined."""
    t0 = time.monotonic()
    if time_limit <= 0:
        return None
    box = None
    if mined.mode == "extend":
        if shape is None or mined.anchor is None or shape[0] < inp.h or shape[1] < inp.w or shape == inp.shape:
            return None
        r0, c0 = anchor_offset(mined.anchor, inp.shape, shape)
        a = np.zeros(shape, dtype=np.int8)
        a[r0:r0 + inp.h, c0:c0 + inp.w] = inp.a
        vis = np.zeros(shape, dtype=bool)
        vis[r0:r0 + inp.h, c0:c0 + inp.w] = True
        a[~vis] = -1  # never equal to a visible colour, so hidden cells cannot fake agreement
        colours = set(np.unique(inp.a).tolist())
        return _solve_completion(a, vis, colours, -1, True, mined, proc, time_limit - (time.monotonic() - t0), log, None)
    a = inp.a
    m = mined.mask
    if m is None and mined.mode in ("fill", "crop"):  # the mask colour varies by pair: read it off the input
        m = infer_mask(a, proc, mined.mask_vanishes, mined.mask_is_box)
    if m is None:
        return None
    vis = a != m
    if mined.mode == "crop":
        box = mask_box(a, m)
        if box is None:
            return None
        t, l, hh, ww = box
        if not (a[t:t + hh, l:l + ww] == m).all():
            return None
    if vis.all() or not vis.any():
        return None
    colours = set(np.unique(a[vis]).tolist())
    if not mined.mask_vanishes:
        colours.add(m)
    return _solve_completion(a, vis, colours, m, mined.mask_vanishes, mined, proc,
                             time_limit - (time.monotonic() - t0), log, box)


def _solve_completion(a: np.ndarray, vis: np.ndarray, colours: set[int], m: int, vanishes: bool, mined: Mined,
                      proc: Procedure, time_limit: float, log: Optional[StageLog],
                      box: Optional[tuple[int, int, int, int]]) -> Optional[Grid]:
    """MaxSAT completion of the hidden cells of `a` under the symmetries the procedure selects."""
    t0 = time.monotonic()
    bg = background(a, vis) if m < 0 else background(a)
    syms = _select(a, vis, proc, bg, vanishes)
    if not syms:
        return None
    h, w = a.shape
    hidden = ~vis.ravel()
    known = np.where(vis, a, -1)
    links: list[tuple[str, tuple, int, np.ndarray, np.ndarray]] = []
    for fam, p, wt in syms:
        src, dst = partner_map(fam, p, h, w)
        sel = hidden[src] | hidden[dst]
        links.append((fam, p, wt, src[sel], dst[sel]))
    # hard equalities are joined beforehand (one set of variables per class of equal cells)
    hard_pairs = [(int(x), int(y)) for _f, _p, wt, src, dst in links if wt == 0 for x, y in zip(src, dst)]
    merged = merge_equal(h, w, hard_pairs, known)
    n_enc = sum(len(src) for _f, _p, wt, src, _d in links if wt != 0 or merged is None)
    if n_enc * 2 * len(colours) > MAX_CLAUSES:
        if log is not None:
            log.cnf.append({"status": "skipped", "equalities": n_enc, "colours": len(colours)})
        return None
    enc = Encoding()
    if merged is not None:
        rep, known2 = merged
        g = enc.grid("out", h, w, sorted(colours), known2, rep)
    else:
        g = enc.grid("out", h, w, sorted(colours), known)
    if not vanishes:
        for cell in g.free:
            enc.fix(g, cell, m, weight=1)
    elif proc.default_bg:
        vbg = background(a, vis)
        for cell in g.free:
            enc.fix(g, cell, vbg, weight=1)
    for fam, p, wt, src, dst in links:
        if wt == 0 and merged is not None:
            continue
        pairs = (((int(x) // w, int(x) % w), (int(y) // w, int(y) % w)) for x, y in zip(src, dst))
        enc.equal_cells(g, pairs, None if wt == 0 else wt, group=f"{fam}{p}")
    res = enc.solve(time_limit - (time.monotonic() - t0))
    if log is not None:
        log.cnf.append({**res.size(), "symmetries": len(syms), "free_cells": len(g.free),
                        "equalities": sum(len(x[3]) for x in links), "joined": merged is not None})
    if not res.ok:
        return None
    assert res.model is not None
    if vanishes and not proc.default_bg:
        left = time_limit - (time.monotonic() - t0)
        uniq = enc.is_unique(g, res.model, g.free, max(left, 0.01))
        if uniq is False:
            return None
    out = g.decode(res.model)
    if box is not None:
        t, l, hh, ww = box
        return Grid(out.a[t:t + hh, l:l + ww])
    return out


def completion(train: Sequence[tuple[Grid, Grid]], test_inputs: Sequence[Grid], deadline: float,
               log: Optional[StageLog] = None, mined: Optional[Mined] = None, want: int = 2,
               shapes: Optional[Sequence[tuple[int, int]]] = None) -> list[tuple[str, list[Grid]]]:
    """Verified completion predictions: (procedure name, one grid per test input), best procedure first, up to `want`.

    `shapes`: predicted output shape per input (train then test), needed in extend mode.
    """
    log = log if log is not None else StageLog()
    t0 = time.monotonic()
    mined = mined if mined is not None else mine(train)
    log.mined = mined.describe()
    out: list[tuple[str, list[Grid]]] = []
    for proc in procedures(mined):
        if time.monotonic() >= deadline or len(out) >= want:
            break
        ok = True
        for k, (i, o) in enumerate(train):
            left = deadline - time.monotonic()
            got = complete(i, mined, proc, left / 2, log, shapes[k] if shapes else None)
            if got is None or got != o:
                ok = False
                break
        log.tried.append({"procedure": proc.name, "verified": ok})
        if not ok:
            continue
        preds: list[Grid] = []
        for k, ti in enumerate(test_inputs):
            got = complete(ti, mined, proc, (deadline - time.monotonic()) / 2, log,
                           shapes[len(train) + k] if shapes else None)
            if got is None:
                break
            preds.append(got)
        if len(preds) == len(test_inputs) and all(preds != p for _n, p in out):
            out.append((proc.name, preds))
    log.seconds += time.monotonic() - t0
    return out


# ---------------------------------------------------------------------------------------------- consensus
def consensus_grid(votes: Sequence[tuple[Grid, int]], mined: Mined, inp: Grid, time_limit: float,
                   log: Optional[StageLog] = None) -> Optional[Grid]:
    """The grid that best agrees with weighted candidate grids (soft unit clauses) under the mined hard rules."""
    t0 = time.monotonic()
    shapes = {g.shape for g, _w in votes}
    if len(shapes) != 1 or time_limit <= 0:
        return None
    h, w = next(iter(shapes))
    colours = sorted(set().union(*(set(np.unique(g.a).tolist()) for g, _w in votes)))
    stack = np.stack([g.a for g, _w in votes])
    # cells every voter agrees on are constants; only disputed cells get variables
    known = np.where((stack == stack[0]).all(axis=0), stack[0], -1)
    if mined.mode == "fill" and inp.shape == (h, w) and mined.mask is not None:
        known = np.where(inp.a != mined.mask, inp.a, known)
    enc = Encoding()
    g = enc.grid("out", h, w, colours, known)
    for grid, wt in votes:
        for cell in g.free:
            enc.fix(g, cell, int(grid.a[cell]), weight=wt)
    # mined symmetries with a fixed position are hard rules of every output
    for v in mined.of_kind("symmetry"):
        fam, p = v.params
        src, dst = partner_map(fam, p, h, w)
        pairs = (((int(s) // w, int(s) % w), (int(d) // w, int(d) % w)) for s, d in zip(src, dst) if s < d)
        enc.equal_cells(g, pairs, None, group=f"{fam}{p}")
    for v in mined.of_kind("count"):
        if v.hard and v.params[0] == "colour count kept" and inp.shape == (h, w):
            c = v.params[1]
            n = int((inp.a == c).sum())
            enc.colour_count(g, c, n, n, group=f"count{c}")
    res = enc.solve(time_limit - (time.monotonic() - t0))
    if log is not None:
        log.cnf.append({**res.size(), "votes": len(votes)})
    return g.decode(res.model) if res.ok and res.model is not None else None


#: Temperature (nats) of the consensus vote: weights ∝ exp(log posterior / T). One wrong train cell costs
#: about 6 nats under the score's noise model, so at T = 10 a program one cell worse keeps ~55% of the weight.
VOTE_TEMPERATURE = 10.0


def posterior_weights(log_posts: Sequence[float], scale: int = 100, temperature: float = VOTE_TEMPERATURE) -> list[int]:
    """Integer soft-clause weights proportional to tempered normalised posteriors (at least 1 each)."""
    if not log_posts:
        return []
    top = max(log_posts)
    ps = [math.exp(max((lp - top) / temperature, -50.0)) for lp in log_posts]
    z = sum(ps)
    return [max(1, int(round(scale * p / z))) for p in ps]


def consensus(near: Sequence[tuple[float, tuple]], n_train: int, train_inputs: Sequence[Grid],
              outputs: Sequence[Grid], test_inputs: Sequence[Grid], deadline: float, mined: Mined,
              log: Optional[StageLog] = None) -> Optional[list[Grid]]:
    """Vote of near-miss programs (log posterior, value vector over train+test inputs) checked on every train pair.

    Returns one grid per test input when the same weighted vote reproduces every train output, else None.
    """
    near = [(lp, vals) for lp, vals in near if all(isinstance(v, Grid) for v in vals)]
    if len(near) < 2:
        return None
    weights = posterior_weights([lp for lp, _v in near])
    n = len(near[0][1])
    preds: list[Grid] = []
    for k in range(n):
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        inp = train_inputs[k] if k < n_train else test_inputs[k - n_train]
        votes = [(vals[k], wt) for (_lp, vals), wt in zip(near, weights)]
        shape_votes = {}
        for g, wt in votes:
            shape_votes[g.shape] = shape_votes.get(g.shape, 0) + wt
        shape = max(shape_votes, key=lambda s: shape_votes[s])
        votes = [(g, wt) for g, wt in votes if g.shape == shape]
        got = consensus_grid(votes, mined, inp, left / 2, log)
        if got is None:
            return None
        if k < n_train:
            if got != outputs[k]:
                if log is not None:
                    log.tried.append({"procedure": "consensus", "verified": False, "failed_pair": k})
                return None
        else:
            preds.append(got)
    if log is not None:
        log.tried.append({"procedure": "consensus", "verified": True})
    return preds


# ---------------------------------------------------------------------------------------------- colour maps
def infer_colour_map_sat(sources: Sequence[Grid], targets: Sequence[Grid], extra_colours: Sequence[int],
                         time_limit: float, log: Optional[StageLog] = None) -> Optional[dict[int, int]]:
    """A colour map s -> t with targets == map(sources) cell by cell, as MaxSAT over map variables.

    Colours only in `extra_colours` (e.g. seen in test inputs only) are mapped too: injective when every
    train colour maps to a distinct colour, preferring to stay the same colour, else to take a colour the
    train map vacated. None when no map fits.
    """
    if any(s.shape != t.shape for s, t in zip(sources, targets)):
        return None
    src_cols = sorted(set().union(*(set(np.unique(s.a).tolist()) for s in sources)) | set(extra_colours))
    enc = Encoding()
    mp = enc.colour_map("m", src_cols, range(10))
    seen: dict[int, set[int]] = {}
    for s, t in zip(sources, targets):
        for c in np.unique(s.a).tolist():
            tg = set(np.unique(t.a[s.a == c]).tolist())
            seen.setdefault(c, set()).update(tg)
    for c, tg in seen.items():
        if len(tg) != 1:
            return None
        enc.add([mp.var(c, next(iter(tg)))], None, "train cells")
    images = [next(iter(tg)) for tg in seen.values()]
    if len(set(images)) == len(images):  # injective on the train colours: keep it injective
        for t in range(10):
            enc.count([mp.var(s, t) for s in src_cols], None, 1, group="injective")
    # preferences: a colour stays itself; failing that it takes a colour the train map vacated (a swap)
    vacated = [c for c, tg in seen.items() if next(iter(tg)) != c and c not in images]
    for s in src_cols:
        enc.add([mp.var(s, s)], 2)
        if s not in seen and vacated:
            enc.add([mp.var(s, t) for t in vacated], 1)
    res: SatResult = enc.solve(time_limit)
    if log is not None:
        log.cnf.append({**res.size(), "map_colours": len(src_cols)})
    if not res.ok or res.model is None:
        return None
    return mp.decode(res.model)


def colour_mapped(near: Sequence[tuple[float, tuple]], outputs: Sequence[Grid], deadline: float,
                  log: Optional[StageLog] = None) -> list[tuple[Grid, ...]]:
    """Test predictions of near misses that equal the train outputs up to a colour map, where the test
    predictions hold colours the train predictions never show: the map is completed by MaxSAT (injective
    when the train map is, else each new colour stays itself) instead of leaving those colours unmapped."""
    out: list[tuple[Grid, ...]] = []
    n_train = len(outputs)
    for _lp, vals in near:
        if time.monotonic() >= deadline:
            break
        train_preds = vals[:n_train]
        if not all(isinstance(v, Grid) and v.shape == o.shape for v, o in zip(train_preds, outputs)):
            continue
        seen = set().union(*(set(np.unique(v.a).tolist()) for v in train_preds))
        new = set().union(*(set(np.unique(v.a).tolist()) for v in vals[n_train:])) - seen
        if not new:
            continue
        mp = infer_colour_map_sat(train_preds, outputs, sorted(new), deadline - time.monotonic(), log)
        if mp is None:
            continue
        lut = np.arange(10, dtype=np.int8)
        for a, b in mp.items():
            lut[a] = b
        out.append(tuple(Grid(lut[v.a]) for v in vals[n_train:]))
    return out


# ---------------------------------------------------------------------------------------------- solver stage
@dataclass
class SatCandidate:
    """Test predictions from the MaxSAT stage, with how they were made; all are verified on every train pair."""

    method: str                       # e.g. "completion (fitted symmetries)" or "consensus of 6 near misses"
    predictions: tuple[Grid, ...]


class SatSession:
    """The MaxSAT layer's work on one task: a completion pass before the search and a consensus pass after it."""

    def __init__(self, train: Sequence[tuple[Grid, Grid]], test_inputs: Sequence[Grid],
                 shapes: Optional[Sequence[tuple[int, int]]] = None):
        self.train = list(train)
        self.test_inputs = list(test_inputs)
        self.shapes = shapes  # predicted output shape per input, train then test (engine/core/perception.py)
        self.log = StageLog()
        self.found: list[SatCandidate] = []
        self._mined: Optional[Mined] = None

    @property
    def mined(self) -> Mined:
        """Invariants of the train pairs (mined once, on first use)."""
        if self._mined is None:
            self._mined = mine(self.train)
            self.log.mined = self._mined.describe()
        return self._mined

    def _add(self, method: str, preds: Sequence[Grid]) -> None:
        tp = tuple(preds)
        if all(c.predictions != tp for c in self.found):
            self.found.append(SatCandidate(method, tp))

    def before_search(self, deadline: float, want: int) -> None:
        """Verified completions when the pairs look like completion (a mask colour or a hidden patch)."""
        t0 = time.monotonic()
        if quick_mode(self.train) is not None:
            for name, preds in completion(self.train, self.test_inputs, deadline, self.log, self.mined, 1, self.shapes):
                self._add(f"completion ({name})", preds)
        self.log.seconds += time.monotonic() - t0

    def after_search(self, near: Sequence[tuple[float, tuple]], deadline: float) -> None:
        """Consensus/repair of near-miss programs (log posterior, value vector), verified on the train pairs."""
        t0 = time.monotonic()
        if len(near) >= 2 and time.monotonic() < deadline:
            n_train = len(self.train)
            preds = consensus(near, n_train, [i for i, _o in self.train], [o for _i, o in self.train],
                              self.test_inputs, deadline, self.mined, self.log)
            if preds is not None:
                self._add(f"consensus of {len(near)} near misses", preds)
        for preds in colour_mapped(near, [o for _i, o in self.train], deadline, self.log):
            self._add("colour map completed by MaxSAT", preds)
        self.log.seconds += time.monotonic() - t0

    def trace(self) -> dict:
        """Summary for the solver trace."""
        return {**self.log.as_dict(), "offered": [c.method for c in self.found]}


__all__ = ["SatSession", "SatCandidate", "quick_mode", "Procedure", "StageLog", "procedures", "complete", "completion", "consensus", "consensus_grid",
           "posterior_weights", "infer_colour_map_sat"]
