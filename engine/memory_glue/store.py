"""The solver's side of the memory store: the store a config points at, recall for a task, the prior bias it
implies, remembering a solved task, and building a store from the reference solutions."""
from __future__ import annotations

import functools
import math
import time
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

from arcsynth.config import MemoryConfig
from arcsynth.core.task import Task
from arcsynth.core.verify import verify
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grammar import parse
from arcsynth.dsl.library import list_solutions, read_program
from arcsynth.dsl.program import Node, primitives_used
from arcsynth.memory import Entry, MemoryStore, Recall, embed_task, recall, task_dim
from arcsynth.memory.clusters import recluster
from arcsynth.search.trials import parse_known


def store_for(opts: MemoryConfig) -> MemoryStore:
    """The store the options point at: one instance per directory in a process, so its load cache (keyed on the
    file's identity) serves every task, and forked workers inherit what the parent loaded."""
    return _store_at(MemoryStore(opts.dir).dir)


@functools.lru_cache(maxsize=8)
def _store_at(directory: Path) -> MemoryStore:
    return MemoryStore(directory)


def warm(opts: MemoryConfig) -> None:
    """Import what recall needs and load (so validate) the store: done once before forking workers."""
    import scipy.ndimage  # noqa: F401  (heavy: the embedding's object statistics use it; loaded before forking)
    task_dim()
    store_for(opts).load()


def recall_for(task: Task, opts: MemoryConfig) -> Recall:
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


# ------------------------------------------------------------------------------------- remember
def remember(task: Task, program: str, posterior: Optional[float], opts: MemoryConfig, source: str = "solved") -> int:
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
    found, skipped = verified_solutions(tasks, solutions, include)
    items = [(t, node, "reference") for t, node in found]
    for t, text in extra:
        node = parse_known(text)
        if node is not None and verify(node, t).fits_train:
            items.append((t, node, "solved"))
    with store.update(fresh=rebuild) as sd:
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
