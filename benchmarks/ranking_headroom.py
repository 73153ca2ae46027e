"""How much a better ranking of the solver's candidates could add: run the solver on a dataset with known test
outputs (a training set: the answers are read to score, never to solve) and count the test outputs for which some
candidate that fits every train pair predicts the right grid but the two attempts (best posterior first) miss it.
A re-ranker (for example the proposer's log-probability of each program) can gain at most that many outputs.

Usage: python3 benchmarks/ranking_headroom.py [--dataset arc1-training] [--budget 5] [--clock work] [--workers 2]
                                              [--no-llm] [--memory] [--limit N] [--out FILE.jsonl]
Memory is off by default: the shipped store holds arc1-training's reference solutions.
--out keeps one line per task and resumes (tasks already in it are not run again).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
from pathlib import Path
from typing import Any, Optional

_ARGS: Optional[argparse.Namespace] = None


def one(task: Any) -> dict:
    """Solve one task; per test output: solved (an attempt is right) and found (some candidate is right)."""
    from arcsynth.config import MemoryConfig, ProposeConfig
    from arcsynth.solver import Solver, SolverConfig
    assert _ARGS is not None
    cfg = SolverConfig(budget=_ARGS.budget, clock=_ARGS.clock, memory=MemoryConfig(enabled=_ARGS.memory),
                       propose=ProposeConfig(enabled=not _ARGS.no_llm))
    r = Solver(cfg).solve(task)
    out = []
    for k, pair in enumerate(task.test):
        right = pair.output
        out.append({"solved": right is not None and any(g == right for g in r.attempts[k]),
                    "found": right is not None and any(c.predictions[k] == right for c in r.candidates),
                    "distinct": len({c.predictions[k] for c in r.candidates})})
    return {"id": task.id, "outputs": out, "candidates": len(r.candidates)}


def main() -> int:
    global _ARGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", default="arc1-training")
    ap.add_argument("--budget", type=float, default=5.0)
    ap.add_argument("--clock", choices=("wall", "work"), default="work")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-llm", action="store_true")
    ap.add_argument("--memory", action="store_true", help="use the memory store (off by default)")
    ap.add_argument("--limit", type=int, help="first N tasks only")
    ap.add_argument("--out", help="per-task lines (JSONL); resumes from it")
    _ARGS = ap.parse_args()
    from arcsynth.core.task import load_dataset
    tasks = load_dataset(_ARGS.dataset)[: _ARGS.limit]
    done: dict[str, dict] = {}
    if _ARGS.out and Path(_ARGS.out).exists():
        for line in Path(_ARGS.out).read_text().splitlines():
            if line.strip():
                rec = json.loads(line)
                done[rec["id"]] = rec
    todo = [t for t in tasks if t.id not in done]
    sink = open(_ARGS.out, "a") if _ARGS.out else None
    try:
        with mp.get_context("fork").Pool(max(1, _ARGS.workers)) as pool:
            for rec in pool.imap_unordered(one, todo):
                done[rec["id"]] = rec
                if sink:
                    sink.write(json.dumps(rec) + "\n")
                    sink.flush()
    finally:
        if sink:
            sink.close()
    recs = [done[t.id] for t in tasks if t.id in done]
    outs = [(r["id"], k, o) for r in recs for k, o in enumerate(r["outputs"])]
    missed = [f"{i}:{k} ({o['distinct']} distinct predictions)" for i, k, o in outs if o["found"] and not o["solved"]]
    summary = {"dataset": _ARGS.dataset, "budget": _ARGS.budget, "clock": _ARGS.clock, "llm": not _ARGS.no_llm,
               "memory": _ARGS.memory, "tasks": len(recs), "outputs": len(outs),
               "solved": sum(o["solved"] for _, _, o in outs), "found": sum(o["found"] for _, _, o in outs),
               "outputs_with_3_or_more_distinct_predictions": sum(o["distinct"] >= 3 for _, _, o in outs),
               "found_but_not_in_attempts": missed}
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
