"""Training data for the proposer, made by the project itself: (task -> program) pairs.

- **Enumerated tasks**: the bottom-up enumerator runs on a real task's inputs; every distinct Grid value it
  finds (one program per observational-equivalence class, the cheapest) is a task whose program is known:
  the real inputs paired with that program's outputs. Programs are drawn from every cost level reached,
  favouring the costlier ones (what a search reaches last is what a proposal can save).
- **Composed tasks**: two of those programs composed (every `I` of one replaced by the other), kept when the
  composition maps the inputs to outputs that neither part gives: deeper programs than a short search
  reaches, which is where a proposal can save the most.
- **Reference solutions**: the hand-written programs of examples/solutions with their real train pairs.
- **Mutated references** (engine/lm_training/mutate.py): a reference program with one part grafted from another
  reference, swapped for a same-signature primitive, or a changed constant, run on its task's inputs:
  programs shaped like real solutions, which the search reaches late.
- **Re-arc tasks** (engine/lm_training/rearc.py, needs reasoning-gym): a reference program, and now and then a mutant of
  it, run on fresh inputs that the re-arc generator of its task draws: the same concepts on grids the model
  has not seen, so it learns the concept rather than the task's few grids.

Source tasks are arc1-training only (arc2-training contains arc1-evaluation tasks). A fixed tenth of the
source tasks (by a hash of the id) is held out: their generated tasks measure the trained model.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import random
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Sequence

from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior
from arcsynth.core.task import Task, load_dataset
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.interpreter import Limits
from arcsynth.dsl.program import Call, Input, Node
from arcsynth.lm.proposer import MAX_EXEMPLAR_CHARS, PromptFormat, task_prompt
from arcsynth.lm_training import rearc
from arcsynth.lm_training.mutate import bank_of, mutants
from arcsynth.lm_training.outputs import grid_outputs, interesting
from arcsynth.memory_glue.store import verified_solutions
from arcsynth.search.enumerate import EnumConfig, Enumerator, Expr
from arcsynth.search.prior import DEFAULT_LIBRARY, default_fitted

COMPOSE_LIMITS = Limits(max_steps=5_000, max_seconds=0.1)


def held_out(task_id: str, tenths: int = 1) -> bool:
    """Whether a source task is in the held-out part (a fixed hash, the same on every machine)."""
    return zlib.crc32(task_id.encode()) % 10 < tenths


def held_out_references() -> list[tuple[Task, Node]]:
    """The held-out arc1-training tasks with a verified reference solution (the proposer trains on none of them)."""
    return verified_solutions([t for t in load_dataset("arc1-training") if held_out(t.id)], DEFAULT_LIBRARY)[0]


@dataclass
class Example:
    """One training example: a prompt made from (input, output) pairs and the program that maps them."""

    task: str            # source task id
    kind: str            # enumerated | composed | reference | mutated | rearc | rearc-mutated
    program: str
    prompt: str

    def to_json(self) -> str:
        return json.dumps({"task": self.task, "kind": self.kind, "program": self.program, "prompt": self.prompt})


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
    ctx = SearchContext.from_task(task)
    nt = ctx.n_train
    prior = Prior(default_fitted().weights())
    en = Enumerator(ctx, prior, EnumConfig(max_entries=60_000))
    got: list[Expr] = []

    def on_grid(e: Expr) -> bool:
        if e.vals is not None and interesting(e.vals, ctx.inputs, nt):
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
        vals = grid_outputs(node, ctx.inputs[:nt], COMPOSE_LIMITS)
        if vals is None or vals in seen or not interesting(vals, ctx.inputs, nt):
            continue
        seen.add(vals)
        out.append(Example(task.id, "composed", str(node), task_prompt(list(zip(ctx.inputs[:nt], vals)), fmt)))
    return out


def reference_examples(found: Sequence[tuple[Task, Node]], fmt: PromptFormat = PromptFormat()) -> list[Example]:
    """The reference solutions (verified on their tasks) with their tasks' real train pairs."""
    return [Example(t.id, "reference", str(node), task_prompt([(p.input, p.output) for p in t.train
                                                                if p.output is not None], fmt))
            for t, node in found]


def with_exemplars(ex: Example, references: dict[str, str], k: int, rng: random.Random) -> Example:
    """ex with k exemplar lines before its prompt, as a model trained with memory's exemplars sees them: for a
    mutant its reference (the program to edit) among k - 1 other references, in a random order; for any other
    example k other references (exemplars do not always hold the answer)."""
    others = [p for t, p in references.items() if t != ex.task and len(p) <= MAX_EXEMPLAR_CHARS]
    picked = rng.sample(others, min(k, len(others)))
    parent = references.get(ex.task)
    if ex.kind == "mutated" and parent is not None and len(parent) <= MAX_EXEMPLAR_CHARS and picked:
        picked[rng.randrange(len(picked))] = parent
    lines = "".join(f"e {p}\n" for p in picked)
    return Example(ex.task, ex.kind, ex.program, lines + ex.prompt)


def _one(args: tuple) -> list[str]:
    task, seconds, per_task, seed = args
    try:
        return [e.to_json() for e in enumerated_examples(task, seconds, per_task, seed)]
    except Exception as e:  # one bad source task costs only itself
        return [json.dumps({"error": f"{task.id}: {type(e).__name__}: {e}"})]


def mutated_examples(task: Task, node: Node, bank: dict, per_reference: int, seed: int = 0,
                     fmt: PromptFormat = PromptFormat()) -> list[Example]:
    """Up to per_reference mutants of a reference program, each on its task's train inputs (proposer_mutate)."""
    rng = random.Random(f"{seed}:{task.id}:mutate")
    inputs = [p.input for p in task.train]
    return [Example(task.id, "mutated", str(m), task_prompt(list(zip(inputs, vals)), fmt))
            for m, vals in mutants(node, inputs, bank, per_reference, rng)]


def rearc_examples(task: Task, node: Node, bank: dict, per_reference: int, seed: int = 0,
                   fmt: PromptFormat = PromptFormat(), mutant_share: float = 0.5) -> list[Example]:
    """Up to per_reference re-arc tasks of a reference: 3 or 4 fresh inputs of its task (engine/lm_training/rearc.py) with
    the reference's outputs on them (kind `rearc`), and for a share of them also a mutant's (`rearc-mutated`).
    The outputs are always the program's own, so an example is right even where a reference does not
    generalise to every input the generator draws."""
    rng = random.Random(f"{seed}:{task.id}:rearc")
    out: list[Example] = []
    seen: set[tuple[Grid, ...]] = set()
    for _ in range(per_reference * 2):
        if len(seen) >= per_reference:  # one `rearc` example per distinct outputs kept
            break
        inputs = [i for i, _o in rearc.pairs(task.id, rng.choice((3, 4)), rng)]
        if len(inputs) < 3:
            continue
        vals = grid_outputs(node, inputs, COMPOSE_LIMITS)
        if vals is None or vals in seen or not interesting(vals, inputs, len(vals)):
            continue
        seen.add(vals)
        out.append(Example(task.id, "rearc", str(node), task_prompt(list(zip(inputs, vals)), fmt)))
        if rng.random() < mutant_share:
            for m, mvals in mutants(node, inputs, bank, 1, rng):
                out.append(Example(task.id, "rearc-mutated", str(m), task_prompt(list(zip(inputs, mvals)), fmt)))
    return out


def _reference_one(args: tuple) -> list[str]:
    """A data worker's job on one verified reference: its mutants (`mutated`) or its re-arc tasks (`rearc`)."""
    kind, i, per_reference, seed = args
    assert _FOUND is not None
    t, node = _FOUND[i]
    make = mutated_examples if kind == "mutated" else rearc_examples
    try:
        return [e.to_json() for e in make(t, node, _bank(), per_reference, seed)]
    except Exception as e:  # one bad reference costs only itself
        return [json.dumps({"error": f"{t.id}: {type(e).__name__}: {e}"})]


_FOUND: Optional[list] = None  # the verified references, set before the data workers fork
_BANK: Optional[dict] = None   # grafts: sub-expressions of the non-held-out references (built once per process)


def _bank() -> dict:
    global _BANK
    if _BANK is None:
        assert _FOUND is not None
        _BANK = bank_of(node for t, node in _FOUND if not held_out(t.id))
    return _BANK


def build_dataset(out: Path, seconds: float = 1.0, per_task: int = 120, workers: int = 2, seed: int = 0,
                  limit: Optional[int] = None, progress: bool = False, per_reference: int = 40,
                  kinds: Sequence[str] = ("reference", "mutated", "rearc", "enumerated"), exemplars: int = 0,
                  rearc_per_reference: int = 30) -> dict:
    """Write the examples of arc1-training (references, their mutants, re-arc tasks, enumerated and composed
    tasks) as JSON lines, each with `exemplars` exemplar lines (with_exemplars) when that is above 0; returns
    counts. The `rearc` kind needs reasoning-gym (engine/lm_training/rearc.py; the error says how to install it)."""
    global _FOUND, _BANK
    unknown = set(kinds) - {"reference", "mutated", "rearc", "enumerated"}
    if unknown:
        raise ValueError(f"unknown example kinds {sorted(unknown)}; choose from reference, mutated, rearc, "
                         "enumerated")
    if "rearc" in kinds:
        rearc.generators()  # raises RearcError with the install command when reasoning-gym is absent
    tasks = load_dataset("arc1-training")[:limit]
    out.parent.mkdir(parents=True, exist_ok=True)
    counts = {"enumerated": 0, "reference": 0, "mutated": 0, "rearc": 0, "errors": 0, "tasks": len(tasks)}
    tmp = out.with_suffix(".part")
    found, _skipped = verified_solutions(tasks, DEFAULT_LIBRARY)
    _FOUND, _BANK = found, None
    stages = []
    if "mutated" in kinds:
        stages.append(("mutated", _reference_one, [("mutated", i, per_reference, seed) for i in range(len(found))]))
    if "rearc" in kinds:  # re-arc tasks and their mutants, counted together
        stages.append(("rearc", _reference_one,
                       [("rearc", i, rearc_per_reference, seed) for i in range(len(found))]))
    if "enumerated" in kinds:  # enumerated and composed tasks, counted together
        stages.append(("enumerated", _one, [(t, seconds, per_task, seed) for t in tasks]))
    refs = {t.id: str(node) for t, node in found if not held_out(t.id)}

    def write(ex: Example) -> None:
        if exemplars > 0:
            ex = with_exemplars(ex, refs, exemplars, random.Random(f"{seed}:{ex.task}:{ex.program}"))
        f.write(ex.to_json() + "\n")

    with tmp.open("w") as f:
        if "reference" in kinds:
            for ex in reference_examples(found):
                write(ex)
                counts["reference"] += 1
        for kind, fn, jobs in stages:
            with mp.get_context("fork").Pool(max(1, workers)) as pool:
                for k, lines in enumerate(pool.imap_unordered(fn, jobs)):
                    for line in lines:
                        if line.startswith('{"error"'):
                            counts["errors"] += 1
                        else:
                            write(Example(**json.loads(line)))
                            counts[kind] += 1
                    if progress:
                        print(f"\r{kind}: {k + 1}/{len(jobs)} sources, {counts[kind]} examples", end="", flush=True)
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
