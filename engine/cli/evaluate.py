"""`arcsynth eval`: solve a dataset and score it (pass@2 per test output, as Kaggle counts); writes report.json
after every task, so `--resume` continues an interrupted run."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from arcsynth.cli.common import UsageError, out_path
from arcsynth.cli.options import add_solver_options, add_task_options, load_tasks, solver_config
from arcsynth.reporting.render import html_report
from arcsynth.reporting.report import evaluate_dataset
from arcsynth.reporting.stats import summarize


def run(args: argparse.Namespace) -> int:
    """Progress on stderr; the score and throughput as one JSON line at the end."""
    report_path = out_path(args.report, "--report")
    out_path(args.html, "--html")
    tasks, name = load_tasks(args)
    try:
        rep = evaluate_dataset(tasks, solver_config(args), args.workers, report_path, name, resume=args.resume,
                               progress=not args.quiet)
    except ValueError as e:
        raise UsageError(str(e)) from None
    summary = summarize(rep)
    print(json.dumps({"dataset": name, "budget": args.budget, **rep["score"],
                      "candidates_per_second_median": summary["candidates_per_second_median"],
                      "time_to_solution_s": summary["time_to_solution_s"]}))
    if args.html:
        html_report(rep, {t.id: t for t in tasks}, Path(args.html))
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="solve a dataset and score it (pass@2 per test output); writes report.json")
    add_task_options(p)
    add_solver_options(p)
    p.add_argument("--report", default="report.json")
    p.add_argument("--html", help="also write a browsable HTML report (pictures in a folder beside it)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run from --report")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.set_defaults(func=run)


__all__ = ["add_parser"]
