"""`arcsynth compare BASE NEW`: test outputs gained and lost between two reports (an ablation's figures), and the
tasks whose answers differ (program, source, attempts): none, for two runs of one configuration on the work clock."""
from __future__ import annotations

import argparse
import json

from arcsynth.cli.common import UsageError
from arcsynth.reporting.report import read_report
from arcsynth.reporting.stats import compare, differences


def run(args: argparse.Namespace) -> int:
    try:
        base, new = read_report(args.base), read_report(args.new)
    except ValueError as e:
        raise UsageError(str(e)) from None
    res = compare(base, new)
    diff = differences(base, new)
    if args.json:
        print(json.dumps({**res, "differences": diff}, indent=1))
        return 0
    print(f"{res['common_outputs']} test outputs in both; solved: base {res['base_solved']}, new {res['new_solved']}")
    print(f"gained ({len(res['gained'])}): " + " ".join(f"{k}[{res['gained_sources'][k]}]" for k in res["gained"]))
    print(f"lost ({len(res['lost'])}): " + " ".join(res["lost"]))
    print(f"of {diff['common_tasks']} tasks in both, answers differ in " +
          ", ".join(f"{k} {len(diff[k])}" for k in ("program", "source", "attempts")) +
          "".join(f"\n  {k}: {' '.join(diff[k])}" for k in ("program", "source", "attempts") if diff[k]))
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="test outputs gained and lost between two report.json files (ablations)")
    p.add_argument("base")
    p.add_argument("new")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


__all__ = ["add_parser"]
