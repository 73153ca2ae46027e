"""`arcsynth check DIR --dataset NAME`: verify a directory of solution programs on their tasks."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from arcsynth.cli.common import UsageError, dataset_name
from arcsynth.core.task import load_dataset
from arcsynth.core.verify import verify
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.library import list_solutions, read_program


def run(args: argparse.Namespace) -> int:
    """Each solution's verdict on every train and test pair; exit 1 unless all solve their tasks."""
    d = Path(args.dir)
    if not d.is_dir():
        raise UsageError(f"{d}: no such directory of solutions")
    files = list_solutions(d)
    if not files:
        raise UsageError(f"{d}: no *.arc solution files")
    tasks = {t.id: t for t in load_dataset(args.dataset)}
    rows = []
    for tid, path in files.items():
        if tid not in tasks:
            continue
        try:
            text = read_program(path)
            v = verify(text, tasks[tid])
            rows.append({"task": tid, "solved": v.solves, "train": f"{sum(v.train_ok)}/{len(v.train_ok)}",
                         "test": f"{sum(bool(x) for x in v.test_ok)}/{len(v.test_ok)}", "error": v.error,
                         "program": text})
        except DSLError as e:
            rows.append({"task": tid, "solved": False, "train": "-", "test": "-", "error": str(e), "program": None})
    solved = sum(r["solved"] for r in rows)
    summary = {"dataset": args.dataset, "files": len(files), "checked": len(rows), "solved": solved,
               "not_in_dataset": len(files) - len(rows)}
    if args.json:
        json.dump({"summary": summary, "tasks": rows}, sys.stdout, indent=1)
        print()
    else:
        for r in rows:
            mark = "ok  " if r["solved"] else "FAIL"
            extra = f"  {r['error']}" if r["error"] and not r["solved"] else ""
            print(f"{mark} {r['task']}  train {r['train']}  test {r['test']}{extra}")
        print(f"{solved}/{len(rows)} solutions solve every train and test pair of {args.dataset} "
              f"({summary['not_in_dataset']} files are for other datasets)")
    return 0 if solved == len(rows) else 1


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="verify a directory of solution programs on their tasks")
    p.add_argument("dir")
    p.add_argument("--dataset", type=dataset_name, required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


__all__ = ["add_parser"]
