"""The `arcsynth` command: one subcommand per module of this package; errors a user can fix are one line."""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from arcsynth.cli import bench, check, compare, dsl, evaluate, memory, proposer, render, repl, solve, stats
from arcsynth.cli.common import ArgumentParser, UsageError
from arcsynth.core.task import TaskFormatError
from arcsynth.dsl.errors import DSLError
from arcsynth.lm.proposer import ProposerError
from arcsynth.lm_training.rearc import RearcError
from arcsynth.memory.store import MemoryStoreError

#: The subcommands, in the order `arcsynth --help` lists them.
COMMANDS = (dsl, check, bench, solve, evaluate, render, stats, compare, repl, memory, proposer)


def build_parser() -> argparse.ArgumentParser:
    ap = ArgumentParser(prog="arcsynth", description="Program synthesis for ARC grid puzzles.")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return ap


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        ap.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except (UsageError, TaskFormatError, DSLError, MemoryStoreError, ProposerError, RearcError) as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]  # e.g. a syntax error's context lines dropped
        print(f"arcsynth: error: {first}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("arcsynth: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:  # an unwritable output path, a full disk, ...
        print(f"arcsynth: error: {e.filename or ''}{': ' if e.filename else ''}{e.strerror or e}", file=sys.stderr)
        return 2


__all__ = ["main", "build_parser", "COMMANDS"]
