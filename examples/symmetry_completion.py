#!/usr/bin/env python3
"""Symmetry completion by MaxSAT, end to end, on an ARC-AGI-1 training task (3631a71a by default): a 30x30
mosaic with blocks painted over in colour 9. Prints the mined constraints, the CNF size and time of each
MaxSAT call, and checks the completed test grid against the task's answer.

Run: python examples/symmetry_completion.py [TASK_ID] [--budget SECONDS]
"""
from __future__ import annotations

import argparse
import time

from arcsynth.core.task import load_dataset  # noqa: E402
from arcsynth.sat.maxsat import StageLog, complete, completion, procedures  # noqa: E402
from arcsynth.sat.mine import mine  # noqa: E402


def show(g) -> str:  # type: ignore[no-untyped-def]
    """A grid as rows of digits."""
    return "\n".join("    " + "".join(str(v) for v in row) for row in g.tolist())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("task", nargs="?", default="3631a71a")
    ap.add_argument("--budget", type=float, default=10.0, help="wall seconds for the completion, and for the solver run")
    args = ap.parse_args()
    task = next(t for t in load_dataset("arc1-training") if t.id == args.task)
    train = [(p.input, p.output) for p in task.train]

    t0 = time.monotonic()
    mined = mine(train)
    print(f"# task {task.id}: {len(train)} train pairs, mined in {time.monotonic() - t0:.2f} s")
    for line in mined.describe():
        print("  ", line)
    print("# completion procedures, in the order they are verified:", ", ".join(p.name for p in procedures(mined)))

    log = StageLog()
    found = completion(train, [p.input for p in task.test], time.monotonic() + args.budget, log, mined)
    for t in log.tried:
        print(f"   {t['procedure']}: {'reproduces every train output' if t['verified'] else 'rejected on the train pairs'}")
    print("# MaxSAT calls, one per grid (hard equalities are joined into classes first and visible cells are")
    print("# constants, so a fully determined completion leaves no free variables):")
    for c in log.cnf:
        if c["status"] == "skipped":
            print(f"   not built: {c['equalities']} soft cell equalities over {c['colours']} colours is too large")
            continue
        print(f"   symmetries={c.get('symmetries', '-'):>2} cell equalities={c.get('equalities', '-'):>5} -> "
              f"vars={c['vars']:5d} hard={c['hard']:6d} soft={c['soft']:5d} free classes={c.get('free_cells', '-'):>4} "
              f"{c['status']:8s} {c['seconds'] * 1000:7.1f} ms")
    if not found:
        print("no verified completion")
        return 1
    name, preds = found[0]
    right = all(g == p.output for g, p in zip(preds, task.test))
    print(f"# test prediction by '{name}': {'correct' if right else 'WRONG'}")
    print(show(task.test[0].input if preds[0].shape == task.test[0].input.shape else preds[0]))
    if preds[0].shape == task.test[0].input.shape:
        print("  ->")
        print(show(preds[0]))
    # the same procedure, with every symmetry soft instead of hard, for the CNF size of a weighted instance
    soft = [p for p in procedures(mined) if p.soft]
    if soft:
        slog = StageLog()
        complete(task.test[0].input, mined, soft[0], 5.0, slog)
        c = slog.cnf[-1]
        print(f"# weighted variant ({soft[0].name}), test input: vars={c['vars']} hard={c['hard']} soft={c['soft']} "
              f"{c['status']} {c['seconds'] * 1000:.1f} ms")
    # end to end: the solver (search + MaxSAT stage) at the given budget
    from arcsynth.solver import Solver, SolverConfig
    res = Solver(SolverConfig(budget=args.budget)).solve(task)
    ok = all(p.output in att for att, p in zip(res.attempts, task.test))
    print(f"# solver, {args.budget:g} s: source={res.source} program={res.program!r} -> {'solved' if ok else 'missed'}")
    print(f"   MaxSAT trace: {res.trace.get('maxsat')}")
    return 0 if right and ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
