"""`arcsynth stats REPORT`: figures from a report.json (throughput, time to solution, sources, errors)."""
from __future__ import annotations

import argparse
import json

from arcsynth.cli.common import UsageError
from arcsynth.reporting.report import read_report
from arcsynth.reporting.stats import summarize


def run(args: argparse.Namespace) -> int:
    try:
        rep = read_report(args.report)
    except ValueError as e:
        raise UsageError(str(e)) from None
    print(json.dumps(summarize(rep), indent=1))
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="figures from a report.json: throughput, time to solution, sources, errors")
    p.add_argument("report")
    p.set_defaults(func=run)


__all__ = ["add_parser"]
