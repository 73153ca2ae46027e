"""`arcsynth repl TASK`: author a program for a task interactively (dsl/repl.py)."""
from __future__ import annotations

import argparse
from pathlib import Path

from arcsynth.cli.common import DEFAULT_SOLUTIONS
from arcsynth.core.task import find_task
from arcsynth.dsl.repl import Repl


def run(args: argparse.Namespace) -> int:
    task = find_task(args.task)
    repl = Repl(task.id, [(p.input, p.output) for p in task.train], [(p.input, p.output) for p in task.test],
                solutions_dir=Path(args.solutions))
    repl.run()
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("repl", help="author a program for a task interactively")
    p.add_argument("task", help="task JSON file or task id")
    p.add_argument("--solutions", default=str(DEFAULT_SOLUTIONS), help="where :save writes (default: examples/solutions)")
    p.set_defaults(func=run)


__all__ = ["add_parser"]
