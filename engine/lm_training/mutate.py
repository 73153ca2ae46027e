"""Mutants of real solutions, as proposer training tasks: a reference program with one part changed.

Enumerated tasks teach the proposer the programs a short search finds anyway; what the search reaches late
are programs shaped like real solutions. A mutant keeps a reference program's shape and changes one part:
- **graft**: a sub-expression replaced by one of the same type (and the same `_` argument type) taken from
  another reference program — real sub-expressions in a real context;
- **swap**: a primitive replaced by another with the same signature;
- **constant**: a colour or integer literal changed.
Each mutant is type-checked and run on the source task's inputs; it becomes a task when its outputs are grids
that are worth learning (not the inputs, not one constant grid) and new (not the reference's outputs, nor
another mutant's).
"""
from __future__ import annotations

import functools
import random
from collections import defaultdict
from typing import Iterable, Optional, Sequence

from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.interpreter import Limits
from arcsynth.dsl.program import Call, Hole, Input, Lit, Node, uses_hole
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.typecheck import check
from arcsynth.dsl.types import COLOUR, INT, FnType
from arcsynth.lm_training.outputs import grid_outputs, interesting

MUTANT_LIMITS = Limits(max_steps=5_000, max_seconds=0.1)

Slot = tuple[str, Optional[str]]   # (expected type, type of `_` there when the expression uses it)
Path_ = tuple[int, ...]            # argument indices from the root


def positions(node: Node) -> list[tuple[Path_, Node, Slot]]:
    """Every Call and literal below the root with the slot it fills (its type, and `_`'s type if it uses `_`)."""
    out: list[tuple[Path_, Node, Slot]] = []

    def visit(n: Node, want: str, hole: Optional[str], path: Path_) -> None:
        if path and isinstance(n, (Call, Lit)):
            out.append((path, n, (want, hole if uses_hole(n) else None)))
        if not isinstance(n, Call) or n.prim not in REGISTRY:
            return
        p = REGISTRY[n.prim]
        for i, (arg, t) in enumerate(zip(n.args, p.params)):
            if isinstance(t, FnType):
                visit(arg, str(t.ret), str(t.arg), path + (i,))
            else:
                visit(arg, str(t), hole, path + (i,))

    visit(node, "Grid", None, ())
    return out


def replace(node: Node, path: Path_, new: Node) -> Node:
    """node with the sub-expression at path replaced by new."""
    if not path:
        return new
    assert isinstance(node, Call)
    i = path[0]
    return Call(node.prim, node.args[:i] + (replace(node.args[i], path[1:], new),) + node.args[i + 1:])


def bank_of(programs: Iterable[Node]) -> dict[Slot, list[Node]]:
    """Distinct sub-expressions of programs by the slot they fill (closed ones under `_`-type None)."""
    bank: dict[Slot, dict[str, Node]] = defaultdict(dict)
    for prog in programs:
        for _path, n, slot in positions(prog):
            if isinstance(n, Call):
                bank[slot].setdefault(str(n), n)
    return {k: list(v.values()) for k, v in bank.items()}


@functools.lru_cache(maxsize=1)
def _same_signature() -> dict[str, list[str]]:
    """Other primitives with each primitive's parameter and return types (computed once: mutate runs per draw)."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for name, p in REGISTRY.items():
        groups[(tuple(str(t) for t in p.params), str(p.ret))].append(name)
    return {n: [m for m in g if m != n] for g in groups.values() for n in g if len(g) > 1}


def mutate(prog: Node, bank: dict[Slot, list[Node]], rng: random.Random) -> Optional[Node]:
    """One random graft, swap or constant change of prog (None when the draw found nothing to change)."""
    pos = positions(prog)
    if not pos:
        return None
    path, n, (want, hole) = rng.choice(pos)
    if isinstance(n, Lit):
        if n.type == COLOUR:
            return replace(prog, path, Lit(rng.choice([c for c in range(10) if c != n.value]), COLOUR))
        if n.type == INT and isinstance(n.value, int):
            v = n.value + rng.choice([-2, -1, 1, 2])
            return replace(prog, path, Lit(v, INT)) if -99 <= v <= 99 else None
        return None
    assert isinstance(n, Call)
    if rng.random() < 0.3:
        alts = _same_signature().get(n.prim)
        if alts:
            return replace(prog, path, Call(rng.choice(alts), n.args))
    pool = bank.get((want, None), []) + (bank.get((want, hole), []) if hole else [])
    pool = [b for b in pool if str(b) != str(n)]
    return replace(prog, path, rng.choice(pool)) if pool else None


def mutants(prog: Node, inputs: Sequence[Grid], bank: dict[Slot, list[Node]], count: int, rng: random.Random,
            tries: int = 0) -> list[tuple[Node, tuple[Grid, ...]]]:
    """Up to count mutants of prog with their outputs on inputs: type-checked, runnable, worth learning, new."""
    def outputs(node: Node) -> Optional[tuple[Grid, ...]]:
        return grid_outputs(node, inputs, MUTANT_LIMITS)

    base = outputs(prog)
    seen = {base} if base is not None else set()
    out: list[tuple[Node, tuple[Grid, ...]]] = []
    for _ in range(tries or count * 6):
        if len(out) >= count:
            break
        node = mutate(prog, bank, rng)
        if node is None or isinstance(node, (Input, Hole)):
            continue
        if rng.random() < 0.3:  # now and then a second change: two edits away from the reference
            node = mutate(node, bank, rng) or node
        try:
            check(node)
        except DSLError:
            continue
        vals = outputs(node)
        if vals is None or vals in seen:
            continue
        if not interesting(vals, inputs, len(vals)):
            continue
        seen.add(vals)
        out.append((node, vals))
    return out
