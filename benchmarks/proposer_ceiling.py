"""What the proposer alone can answer, with no time limit on sampling: for every task of a dataset, sample N
proposals, try each on the train pairs as the solver does (as proposed, up to a consistent colour map, with other
colour constants), and count the test outputs that the first two train-fitting programs (most likely first) get
right. With --report (an `arcsynth eval --no-llm` report.json), also the outputs it answers that the report does
not: the most the proposer could add to that run at this sampling volume.

Usage: python3 benchmarks/proposer_ceiling.py [--dataset arc1-evaluation] [--n 96] [--temperature 0.7]
                                              [--model PATH] [--report NOLLM.json] [--workers 2] [--out FILE]
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
    """Sample, try, and score one task: {id, fitted, right (per test output), proposals}."""
    import torch

    from arcsynth.core.clock import Clock
    from arcsynth.core.context import SearchContext
    from arcsynth.lm.proposer import load_proposer
    from arcsynth.search.trials import ProgramTrials
    assert _ARGS is not None
    torch.set_num_threads(1)
    prop = load_proposer(_ARGS.model)
    pairs = [(p.input, p.output) for p in task.train if p.output is not None]
    props, st = prop.propose(pairs, _ARGS.n, _ARGS.temperature, 72, None, 0, batch=24)
    ctx = SearchContext.from_task(task)
    nt = ctx.n_train
    found: list[tuple] = []

    def on_exact(node: Any, vals: tuple, source: str) -> bool:
        preds = vals[nt:]
        if all(preds != f[0] for f in found):
            found.append((preds, str(node)))
        return False

    trials = ProgramTrials(ctx, [p.text for p in props], on_exact, Clock(), source="llm")
    trials.run(float("inf"))
    right = []
    for k, t in enumerate(task.test):
        right.append(t.output is not None and any(f[0][k] == t.output for f in found[:2]))
    return {"id": task.id, "fitted": len(found), "right": right, "distinct": st.distinct,
            "programs": [f[1] for f in found[:2]]}


def main() -> int:
    global _ARGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", default="arc1-evaluation")
    ap.add_argument("--n", type=int, default=96, help="proposals sampled per task")
    ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--model", help="proposer model (default: the shipped one)")
    ap.add_argument("--report", help="an `arcsynth eval --no-llm` report to compare with")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, help="first N tasks only")
    ap.add_argument("--out", help="also write per-task results as JSON")
    _ARGS = ap.parse_args()
    from arcsynth.core.task import load_dataset
    tasks = load_dataset(_ARGS.dataset)[: _ARGS.limit]
    with mp.get_context("fork").Pool(max(1, _ARGS.workers)) as pool:
        res = list(pool.imap(one, tasks))
    outputs = sum(len(r["right"]) for r in res)
    right = sum(sum(r["right"]) for r in res)
    summary: dict = {"dataset": _ARGS.dataset, "proposals_per_task": _ARGS.n, "temperature": _ARGS.temperature,
                     "tasks": len(res), "tasks_with_fitting_proposal": sum(r["fitted"] > 0 for r in res),
                     "outputs": outputs, "outputs_right": right,
                     "median_distinct": sorted(r["distinct"] for r in res)[len(res) // 2] if res else 0}
    if _ARGS.report:
        base = json.loads(Path(_ARGS.report).read_text())["tasks"]
        new = [f"{r['id']}:{k}" for r in res for k, ok in enumerate(r["right"])
               if ok and not (r["id"] in base and k < len(base[r["id"]]["solved"]) and base[r["id"]]["solved"][k])]
        summary["right_but_unsolved_in_report"] = new
    print(json.dumps(summary, indent=1))
    if _ARGS.out:
        Path(_ARGS.out).write_text(json.dumps({"summary": summary, "tasks": res}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
