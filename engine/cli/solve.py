"""`arcsynth solve`: solve tasks and write a Kaggle submission.json (test outputs need not be known)."""
from __future__ import annotations

import argparse
import sys

from arcsynth.cli.common import out_path
from arcsynth.cli.options import add_solver_options, add_task_options, load_tasks, solver_config
from arcsynth.reporting.report import submission, write_json_atomic
from arcsynth.reporting.runner import TaskOutcome, run_tasks


def run(args: argparse.Namespace) -> int:
    """Each task's program (or error) on stderr as it finishes; the submission file at the end."""
    out = out_path(args.out, "--out")
    tasks, _name = load_tasks(args)
    outcomes: dict = {}

    def show(o: TaskOutcome) -> None:
        outcomes[o.task_id] = o.attempts
        status = "error: " + o.error if o.error else (o.program or "no program found")
        known = [s for s in o.solved if s is not None]
        verdict = f"  [{sum(known)}/{len(known)} test outputs right]" if known else ""
        print(f"{o.task_id}  {o.seconds:.1f}s  {status}{verdict}", file=sys.stderr)

    run_tasks(tasks, solver_config(args), args.workers, show)
    sub = submission(tasks, outcomes)
    assert out is not None
    write_json_atomic(out, sub)
    print(f"wrote {out} ({len(sub)} tasks)")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("solve", help="solve tasks and write a Kaggle submission.json")
    add_task_options(p)
    add_solver_options(p)
    p.add_argument("--out", default="submission.json")
    p.set_defaults(func=run)


__all__ = ["add_parser"]
