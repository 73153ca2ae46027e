"""`arcsynth render TASK --out file.png`: a task with predictions (of a given program, or of a solve) as PNG."""
from __future__ import annotations

import argparse
from pathlib import Path

from arcsynth.cli.common import positive
from arcsynth.config import SolverConfig
from arcsynth.core.task import find_task
from arcsynth.core.verify import verify
from arcsynth.dsl import check, parse
from arcsynth.reporting.render import render_task, save_png
from arcsynth.solver import Solver


def run(args: argparse.Namespace) -> int:
    task = find_task(args.task)
    preds, program = None, args.program
    if program:
        check(parse(program))  # a program that does not parse or type-check is an input error, not a drawing
        v = verify(program, task)
        preds = [[g] if g is not None else [] for g in v.predictions]
    elif not args.no_solve:
        res = Solver(SolverConfig(budget=args.budget)).solve(task)
        preds, program = res.attempts, res.program
    save_png(render_task(task, preds, program), Path(args.out))
    print(f"wrote {args.out}")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="draw a task with predictions and the found program as PNG")
    p.add_argument("task", help="task JSON file or task id")
    p.add_argument("--out", required=True)
    p.add_argument("--program", help="draw this program's predictions instead of solving")
    p.add_argument("--budget", type=positive(float, "--budget"), default=10.0)
    p.add_argument("--no-solve", action="store_true", help="draw the task only")
    p.set_defaults(func=run)


__all__ = ["add_parser"]
