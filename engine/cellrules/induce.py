"""Local cell rules: each output cell as a function of features of the same input cell, learned from the train pairs.

For tasks whose outputs have their inputs' shapes (or are read from a canvas of the output's size: the input
tiled, mirror-tiled or scaled up by one integer factor, the input cut into equal parts stacked on each other, or
the input as a grid of equal blocks, one per output cell), a *rule* is a decision list of lookup tables. Each table maps
a feature key of an input cell (its colour with its 4 neighbours, the first colour met along each row/column ray,
the size of its component, ...) to the output colour; a cell takes its colour from the first table whose key for
it was seen in training with one output colour only (keys seen with two colours are ambiguous and fall through).

A rule is accepted only when it generalises across the train pairs: learned from all pairs but one, it must
reproduce the held-out pair exactly, for every choice of held-out pair (leave-one-out), and it must cover every
cell of every test input. That check is what keeps such tables from memorising the train outputs. Rules are
tried simplest first, in the task's colours and then in normalised colours (each pair renamed by its input's
colour frequencies); the first ones that pass give predictions (source `cellrule`), ranked by the solver right
after its best program, like MaxSAT grids. features.py says what a rule reads, layouts.py the canvases.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

import numpy as np

from arcsynth.cellrules import layouts
from arcsynth.cellrules.features import CANVAS_RULES, KEYS, RULES, SHRINK_RULES, STACK_RULES, CellView
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.primitives.higher import normal_colour_map

_AMBIGUOUS = -1


@dataclass
class Rule:
    """A learned decision list: its key names and one table per key (key -> colour, or _AMBIGUOUS)."""

    names: tuple[str, ...]
    tables: list[dict]

    @property
    def description(self) -> str:
        entries = sum(sum(1 for v in t.values() if v != _AMBIGUOUS) for t in self.tables)
        return f"cellrule: {' > '.join(self.names)} ({entries} table entries)"

    def apply(self, x: CellView) -> Optional[np.ndarray]:
        """The output for one input, or None when some cell's key was never seen unambiguously."""
        keyed = [KEYS[n].keys(x) for n in self.names]
        out = np.empty(x.a.size, dtype=np.int64)
        for i in range(x.a.size):
            for table, keys in zip(self.tables, keyed):
                v = table.get(keys[i], _AMBIGUOUS)
                if v != _AMBIGUOUS:
                    out[i] = v
                    break
            else:
                return None
        return out.reshape(x.a.shape)


def learn(names: tuple[str, ...], pairs: Sequence[tuple[CellView, np.ndarray]]) -> Rule:
    """The decision list of these keys fitted to the pairs (a key seen with two output colours is ambiguous)."""
    tables: list[dict] = []
    for n in names:
        table: dict = {}
        for x, out in pairs:
            for k, v in zip(KEYS[n].keys(x), out.ravel().tolist()):
                old = table.setdefault(k, v)
                if old != v:
                    table[k] = _AMBIGUOUS
        tables.append(table)
    return Rule(names, tables)


def _reproduces(rule: Rule, pairs: Sequence[tuple[CellView, np.ndarray]]) -> bool:
    for x, out in pairs:
        got = rule.apply(x)
        if got is None or not np.array_equal(got, out):
            return False
    return True


@dataclass
class CellRuleStats:
    rules_tried: int = 0
    accepted: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"rules_tried": self.rules_tried, "accepted": self.accepted, "seconds": round(self.seconds, 4)}


def background(inputs: Sequence[np.ndarray]) -> int:
    """The most common colour over the inputs."""
    return int(np.bincount(np.concatenate([a.ravel() for a in inputs]).astype(np.int64), minlength=10).argmax())


def induce(train: Sequence[tuple[Grid, Grid]], tests: Sequence[Grid], deadline: float, k: int = 2
           ) -> tuple[list[tuple[str, tuple[Grid, ...]]], CellRuleStats]:
    """Up to k rules with distinct test predictions that pass leave-one-out on the train pairs, simplest first:
    [(description, predictions per test input)], and stats.

    When every output has its input's shape, the rules read the input; when every output is the same integer
    factor larger, they read a canvas of the output's size made from the input (tiled, mirror-tiled or scaled up),
    with two more features there: the scaled-up input's colour and the block of the cell; when every input cuts
    into equal parts of its output's size (up to 4×4 parts, with or without one-cell separator lines), they read
    the colours at the cell's place in every part (as a tuple, as a set, or the parts overlaid in a painting
    order); when every input is its output's grid of equal blocks (with or without separator lines), they read
    each block's most common colour, colour set and count. Rules are tried on the
    task's colours, then in normalised colours (each pair renamed by its input's colour frequencies, as
    `in_normal_colours` does; the predictions renamed back), which carries a rule to colours the train pairs do
    not show. Nothing when the shapes follow neither pattern, when every output equals its input, or when there
    is a single train pair (nothing to hold out)."""
    t0 = time.monotonic()
    stats = CellRuleStats()
    found: list[tuple[str, tuple[Grid, ...]]] = []
    ins = [i.a for i, _ in train]
    outs = [o.a for _, o in train]
    ratio = layouts.ratio(ins, outs)
    if len(train) < 2 or all(i.shape == o.shape and np.array_equal(i, o) for i, o in zip(ins, outs)):
        stats.seconds = time.monotonic() - t0
        return found, stats
    kh, kw = ratio or (1, 1)
    # Each canvas: a description and a maker of the CellView an input is read through (from it and the background).
    canvases: list[tuple[str, Callable[[np.ndarray, int], Optional[CellView]], tuple]] = []
    if ratio == (1, 1):
        canvases.append(("", lambda a, bg: CellView(a, bg), RULES))
    elif ratio is not None and all(g.a.shape[0] * kh <= 30 and g.a.shape[1] * kw <= 30 for g in tests):
        canvases += [(f"on the {name} canvas, ", lambda a, bg, make=make: CellView(make(a, kh, kw), bg, source=a),
                      CANVAS_RULES) for name, make in layouts.CANVASES.items()]
    # Single-cell outputs get no parts or blocks: one cell per pair tells nothing about a rule.
    cut_up = all(o.size >= 2 for o in outs)
    for nr, nc, sep in (layouts.part_layouts(ins, outs)[:2] if cut_up else []):
        def stacked(a: np.ndarray, bg: int, nr: int = nr, nc: int = nc, sep: int = sep) -> Optional[CellView]:
            parts = layouts.cut(a, nr, nc, sep)
            return None if parts is None else CellView(parts[0], bg, parts=parts)
        canvases.append((f"on {nr}×{nc} parts, ", stacked, STACK_RULES))
    blocks = layouts.blocks_layout(ins, outs) if ratio is None and cut_up else None
    if blocks is not None:
        def shrunk(a: np.ndarray, bg: int, layout: tuple[int, int, int] = blocks) -> Optional[CellView]:
            made = layouts.shrink(a, *layout)
            return None if made is None else CellView(made[0], bg, blocks=made[1])
        canvases.append((f"on {blocks[0]}×{blocks[1]} blocks, ", shrunk, SHRINK_RULES))
    seen: set[tuple] = set()
    identity = np.arange(10)
    for where, cell, rules in canvases:
        for normalised in (False, True):
            perms = [normal_colour_map(a).astype(np.int64) if normalised else identity for a in ins]
            test_perms = [normal_colour_map(g.a).astype(np.int64) if normalised else identity for g in tests]
            if normalised and all(np.array_equal(p, identity) for p in perms + test_perms):
                break  # already in normal colours: the same tables again
            cins = [p[a] for p, a in zip(perms, ins)]
            bg = background(cins)
            pairs = [(cell(i, bg), p[o]) for p, i, o in zip(perms, cins, outs)]
            test_cells = [cell(p[g.a], bg) for p, g in zip(test_perms, tests)]
            if any(x is None for x in test_cells):
                break  # a test input does not cut into this layout's parts
            for names in rules:
                if time.monotonic() > deadline or len(found) >= k:
                    break
                stats.rules_tried += 1
                if not all(_reproduces(learn(names, pairs[:j] + pairs[j + 1:]), [pairs[j]])
                           for j in range(len(pairs))):
                    continue
                rule = learn(names, pairs)
                if not _reproduces(rule, pairs):
                    continue
                preds = [rule.apply(x) for x in test_cells]
                if any(p is None for p in preds):
                    continue
                grids = tuple(Grid(np.argsort(tp)[p].astype(np.int8)) for tp, p in zip(test_perms, preds))  # type: ignore[index]
                key = tuple(hash(g) for g in grids)
                if key in seen:
                    continue
                seen.add(key)
                desc = rule.description.replace(
                    "cellrule: ", "cellrule: " + where + ("in normal colours, " if normalised else ""))
                found.append((desc, grids))
                stats.accepted.append(desc)
    stats.seconds = time.monotonic() - t0
    return found, stats


__all__ = ["induce", "learn", "Rule", "CellRuleStats", "background"]
