"""Memory cross-validation: split a dataset into folds; for each fold, fill a fresh memory from the other
folds (their reference solutions plus the tasks the solver solves there without memory), then solve the
fold with and without memory at equal budget. Reports tasks solved both ways and, for tasks solved both
ways, how many candidates were evaluated before the first solution (median ratio with/without).

The memory arm never sees a reference solution of the fold it is tested on: its store holds only the other
folds' tasks (and, as the solver remembers as it goes, programs it found itself on train pairs).
"""
from __future__ import annotations

import dataclasses
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

from arcsynth.config import SolverConfig
from arcsynth.core.task import Task
from arcsynth.memory import MemoryStore
from arcsynth.memory_glue.store import build_from_solutions
from arcsynth.reporting.runner import TaskOutcome, run_tasks


def split_folds(tasks: list[Task], folds: int, seed: int = 0) -> list[list[Task]]:
    """A fixed random split of tasks into `folds` folds of near-equal size (each sorted by id)."""
    order = sorted(tasks, key=lambda t: t.id)
    random.Random(seed).shuffle(order)
    return [sorted(order[i::folds], key=lambda t: t.id) for i in range(folds)]


def _solved(o: TaskOutcome) -> bool:
    """Whether every test output of a task was solved."""
    return bool(o.solved) and all(bool(x) for x in o.solved)


def _ratio(a: int, b: int) -> float:
    """(a + 1) / (b + 1): candidates with memory over without (1 added so a seed-found solution is defined)."""
    return (a + 1) / (b + 1)


def crossval(all_tasks: list[Task], solutions: Path, budget: float, folds: int = 2, workers: int = 1,
             sample: Optional[int] = None, limit: Optional[int] = None, seed: int = 0, base: Optional[SolverConfig] = None,
             log: Callable[[str], None] = lambda s: None, keep_dir: Optional[Path] = None) -> dict:
    """Run the cross-validation; `sample` (a fixed random sample) or `limit` (the first tasks by id) restricts the
    solved tasks, spread evenly over the folds; each fold's memory still holds all the other folds' solutions."""
    if folds < 2:
        raise ValueError("--folds must be at least 2")
    parts = split_folds(all_tasks, folds, seed)
    test_parts = parts
    if limit is not None:
        per = max(1, limit // folds)
        test_parts = [p[:per] for p in parts]
    elif sample is not None:
        per = max(1, sample // folds)
        test_parts = [sorted(random.Random(seed + 1 + i).sample(p, min(per, len(p))), key=lambda t: t.id)
                      for i, p in enumerate(parts)]
    cfg0 = base or SolverConfig()
    off = dataclasses.replace(cfg0, budget=budget, memory=dataclasses.replace(cfg0.memory, enabled=False))
    solving = [t for p in test_parts for t in p]
    t0 = time.monotonic()
    log(f"crossval: {len(all_tasks)} tasks in {folds} folds; solving {len(solving)} of them at {budget:g} s, "
        f"{workers} worker(s)")
    without = {o.task_id: o for o in run_tasks(solving, off, workers)}
    log(f"without memory: {sum(_solved(o) for o in without.values())}/{len(solving)} solved "
        f"({time.monotonic() - t0:.0f} s)")
    tmp = tempfile.TemporaryDirectory(prefix="arcsynth-crossval-")
    root = Path(keep_dir) if keep_dir else Path(tmp.name)
    fold_reports = []
    with_mem: dict[str, TaskOutcome] = {}
    try:
        for i, test in enumerate(test_parts):
            train_tasks = [t for j, p in enumerate(parts) if j != i for t in p]
            train_ids = {t.id for t in train_tasks}
            store_dir = root / f"fold{i}"
            store = MemoryStore(store_dir)
            found = [(t, without[t.id].program) for t in train_tasks
                     if t.id in without and without[t.id].program]  # type: ignore[misc]
            info = build_from_solutions(store, train_tasks, solutions, rebuild=True, include=train_ids,
                                        extra=found)  # type: ignore[arg-type]
            log(f"fold {i}: memory of {info['entries']} solutions from the other folds "
                f"({info['clusters']} clusters); solving {len(test)} tasks with memory")
            on = dataclasses.replace(cfg0, budget=budget,
                                     memory=dataclasses.replace(cfg0.memory, enabled=True, dir=str(store_dir)))
            outs = {o.task_id: o for o in run_tasks(test, on, workers)}
            with_mem.update(outs)
            fold_reports.append(_compare([t.id for t in test], without, outs) | {"fold": i, "memory_entries": info["entries"]})
            log(f"fold {i}: solved without {fold_reports[-1]['solved_without']}, with {fold_reports[-1]['solved_with']}")
    finally:
        tmp.cleanup()
    total = _compare([t.id for t in solving], without, with_mem)
    fold_of = {t.id: i for i, p in enumerate(test_parts) for t in p}
    detail = {tid: {"fold": fold_of[tid], "without": _brief(without.get(tid)), "with": _brief(with_mem.get(tid))}
              for tid in sorted(fold_of)}
    return {"dataset_tasks": len(all_tasks), "folds": folds, "budget": budget, "workers": workers,
            "solved_tasks": len(solving), "seconds": round(time.monotonic() - t0, 1), **total, "per_fold": fold_reports,
            "per_task": detail}


def _brief(o: Optional[TaskOutcome]) -> Optional[dict]:
    """One arm's outcome for a task: solved, candidates before the first solution, source, program, memory trace."""
    if o is None:
        return None
    mem = o.trace.get("memory") or {}
    return {"solved": _solved(o), "candidates_before_solution": o.trace.get("candidates_before_solution"),
            "source": o.source, "program": o.program, "seconds": o.seconds, "error": o.error,
            "memory": {k: mem[k] for k in ("tried", "hits", "how", "seeds", "ms", "trials_ms") if k in mem}}


def _compare(ids: list[str], without: dict[str, TaskOutcome], with_mem: dict[str, TaskOutcome]) -> dict:
    """Tasks solved with and without memory; candidates before the first solution on tasks solved both ways."""
    sw = [i for i in ids if i in with_mem and _solved(with_mem[i])]
    so = [i for i in ids if i in without and _solved(without[i])]
    both = sorted(set(sw) & set(so))
    ratios, c_with, c_without = [], [], []
    for i in both:
        a = with_mem[i].trace.get("candidates_before_solution")
        b = without[i].trace.get("candidates_before_solution")
        if a is None or b is None:
            continue
        c_with.append(a)
        c_without.append(b)
        ratios.append(_ratio(a, b))
    return {"tasks": len(ids), "solved_without": len(so), "solved_with": len(sw), "solved_both": len(both),
            "only_with": sorted(set(sw) - set(so)), "only_without": sorted(set(so) - set(sw)),
            "candidates_before_solution": {
                "median_ratio_with_over_without": round(statistics.median(ratios), 4) if ratios else None,
                "median_with": statistics.median(c_with) if c_with else None,
                "median_without": statistics.median(c_without) if c_without else None,
                "fewer_with": sum(r < 1 for r in ratios), "more_with": sum(r > 1 for r in ratios),
                "tasks": len(ratios)},
            "sources_with": _sources([with_mem[i] for i in sw])}


def _sources(outs: list[TaskOutcome]) -> dict[str, int]:
    """How many outcomes came from each source."""
    out: dict[str, int] = {}
    for o in outs:
        out[o.source] = out.get(o.source, 0) + 1
    return out
