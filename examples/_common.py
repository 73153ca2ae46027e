"""Shared by the example scripts: solve a list of ARC-AGI-1 training tasks by search and print the programs."""
from __future__ import annotations

import argparse
import time

from arcsynth.core.task import load_dataset  # noqa: E402
from arcsynth.solver import Solver, SolverConfig  # noqa: E402


def run_family(title: str, task_ids: list[str], default_budget: float = 10.0) -> int:
    """Search each task (no hand-written solution is consulted for the task itself) and print what was found."""
    ap = argparse.ArgumentParser(description=f"Solve {title} tasks from ARC-AGI-1 training by search.")
    ap.add_argument("--budget", type=float, default=default_budget, help="wall seconds per task")
    args = ap.parse_args()
    tasks = {t.id: t for t in load_dataset("arc1-training")}
    solver = Solver(SolverConfig(budget=args.budget))
    right = 0
    print(f"# {title}: {len(task_ids)} arc1-training tasks, {args.budget:g} s each")
    for tid in task_ids:
        task = tasks[tid]
        t0 = time.monotonic()
        res = solver.solve(task)
        ok = all(any(a == p.output for a in att) for att, p in zip(res.attempts, task.test))
        right += ok
        prog = res.program or "(no program found)"
        print(f"{'solved' if ok else 'missed'}  {tid}  {time.monotonic() - t0:5.1f}s  {prog}")
    print(f"{right}/{len(task_ids)} solved")
    return 0
