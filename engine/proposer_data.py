"""Training data for the proposer, made by the project itself: (task -> program) pairs.

- **Enumerated tasks**: the bottom-up enumerator runs on a real task's inputs; every distinct Grid value it
  finds (one program per observational-equivalence class, the cheapest) is a task whose program is known:
  the real inputs paired with that program's outputs. Programs are drawn from every cost level reached,
  favouring the costlier ones (what a search reaches last is what a proposal can save).
- **Composed tasks**: two of those programs composed (every `I` of one replaced by the other), kept when the
  composition maps the inputs to outputs that neither part gives: deeper programs than a short search
  reaches, which is where a proposal can save the most.
- **Reference solutions**: the hand-written programs of examples/solutions with their real train pairs.

Source tasks are arc1-training only (arc2-training contains arc1-evaluation tasks). A fixed tenth of the
source tasks (by a hash of the id) is held out: their generated tasks measure the trained model.
"""
from __future__ import annotations

import json
import random
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Sequence

from dsl.grid import Grid
from dsl.interpreter import Limits, evaluate
from dsl.program import Call, Input, Node

from .proposer import PromptFormat, task_prompt
from .task import Task


COMPOSE_LIMITS = Limits(max_steps=5_000, max_seconds=0.1)


def held_out(task_id: str, tenths: int = 1) -> bool:
    """Whether a source task is in the held-out part (a fixed hash, the same on every machine)."""
    return zlib.crc32(task_id.encode()) % 10 < tenths


@dataclass
class Example:
    """One training example: a prompt made from (input, output) pairs and the program that maps them."""

    task: str            # source task id
    kind: str            # enumerated | composed | reference
    program: str
    prompt: str

    def to_json(self) -> str:
        return json.dumps({"task": self.task, "kind": self.kind, "program": self.program, "prompt": self.prompt})


def _interesting(vals: Sequence[Grid], inputs: Sequence[Grid], nt: int) -> bool:
    """Train outputs worth learning from: not the inputs themselves, not one constant grid for every pair."""
    if all(v == i for v, i in zip(vals[:nt], inputs[:nt])):
        return False
    return not (nt > 1 and all(v == vals[0] for v in vals[1:nt]))


def compose(outer: Node, inner: Node) -> Node:
    """outer(inner(I)): every input leaf of outer replaced by inner."""
    if isinstance(outer, Input):
        return inner
    if isinstance(outer, Call):
        return Call(outer.prim, tuple(compose(a, inner) for a in outer.args))
    return outer


def enumerated_examples(task: Task, seconds: float, per_task: int, seed: int = 0,
                        fmt: PromptFormat = PromptFormat(), composed: Optional[int] = None) -> list[Example]:
    """Up to per_task generated tasks from one source task's inputs (enumerator run for `seconds`), plus up to
    `composed` (default per_task // 3) compositions of two of them."""
    from .context import SearchContext
    from .enumerate import EnumConfig, Enumerator, Entry
    from .prior_fit import default_fitted
    from .score import Prior
    ctx = SearchContext.from_task(task)
    nt = ctx.n_train
    prior = Prior(default_fitted().weights())
    en = Enumerator(ctx, prior, EnumConfig(max_entries=60_000))
    got: list[Entry] = []

    def on_grid(e: Entry) -> bool:
        if e.vals is not None and _interesting(e.vals, ctx.inputs, nt):
            got.append(e)
        return False

    en.run(time.monotonic() + seconds, on_grid)
    rng = random.Random(f"{seed}:{task.id}")
    # Weighted sampling without replacement, weight ~ cost^2 (Efraimidis-Spirakis keys).
    keyed = sorted(got, key=lambda e: -rng.random() ** (1.0 / (e.cost ** 2)))
    out = []
    seen = {tuple(e.vals[:nt]) for e in got if e.vals is not None}  # compositions must give something new
    for e in keyed[:per_task]:
        assert e.vals is not None
        pairs = list(zip(ctx.inputs[:nt], e.vals[:nt]))
        out.append(Example(task.id, "enumerated", str(e.node), task_prompt(pairs, fmt)))
    want = per_task // 3 if composed is None else composed
    parts = keyed[: max(2, per_task)]
    for _ in range(want * 4):
        if len(out) >= per_task + want or len(parts) < 2:
            break
        a, b = rng.sample(parts, 2)
        if isinstance(b.node, Input):
            continue
        node = compose(b.node, a.node)
        try:
            vals = tuple(evaluate(node, g, COMPOSE_LIMITS) for g in ctx.inputs[:nt])
        except Exception:  # DSLError, or a primitive that cannot apply to these values
            continue
        if not all(isinstance(v, Grid) for v in vals) or vals in seen or not _interesting(vals, ctx.inputs, nt):
            continue
        seen.add(vals)
        out.append(Example(task.id, "composed", str(node), task_prompt(list(zip(ctx.inputs[:nt], vals)), fmt)))
    return out


def reference_examples(tasks: Sequence[Task], fmt: PromptFormat = PromptFormat()) -> list[Example]:
    """The reference solutions with their tasks' real train pairs (each verified on them)."""
    from .prior_fit import DEFAULT_LIBRARY
    from .recall import verified_solutions
    found, _skipped = verified_solutions(tasks, DEFAULT_LIBRARY)
    return [Example(t.id, "reference", str(node), task_prompt([(p.input, p.output) for p in t.train
                                                                if p.output is not None], fmt))
            for t, node in found]


def _one(args: tuple) -> list[str]:
    task, seconds, per_task, seed = args
    try:
        return [e.to_json() for e in enumerated_examples(task, seconds, per_task, seed)]
    except Exception as e:  # one bad source task costs only itself
        return [json.dumps({"error": f"{task.id}: {type(e).__name__}: {e}"})]


def build_dataset(out: Path, seconds: float = 1.0, per_task: int = 120, workers: int = 2, seed: int = 0,
                  limit: Optional[int] = None, progress: bool = False) -> dict:
    """Write every example (enumerated and reference) of arc1-training as JSON lines; returns counts."""
    import multiprocessing as mp

    from .task import load_dataset
    tasks = load_dataset("arc1-training")[:limit]
    out.parent.mkdir(parents=True, exist_ok=True)
    counts = {"enumerated": 0, "reference": 0, "errors": 0, "tasks": len(tasks)}
    tmp = out.with_suffix(".part")
    with tmp.open("w") as f:
        for e in reference_examples(tasks):
            f.write(e.to_json() + "\n")
            counts["reference"] += 1
        jobs = [(t, seconds, per_task, seed) for t in tasks]
        with mp.get_context("fork").Pool(max(1, workers)) as pool:
            for k, lines in enumerate(pool.imap_unordered(_one, jobs)):
                for line in lines:
                    if line.startswith('{"error"'):
                        counts["errors"] += 1
                    else:
                        f.write(line + "\n")
                        counts["enumerated"] += 1
                if progress:
                    print(f"\r{k + 1}/{len(jobs)} source tasks, {counts['enumerated']} examples", end="", flush=True)
    if progress:
        print()
    tmp.replace(out)
    return counts


def read_examples(path: Path) -> Iterator[Example]:
    """Examples from a JSON-lines file written by build_dataset."""
    with path.open() as f:
        for line in f:
            d = json.loads(line)
            yield Example(d["task"], d["kind"], d["program"], d["prompt"])
