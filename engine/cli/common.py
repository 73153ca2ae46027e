"""What every command uses: the one-line usage error, argument types, output paths."""
from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Callable, Optional

from arcsynth.core.paths import SOLUTIONS_DIR
from arcsynth.core.task import DATASETS

#: Where `arcsynth repl` saves solutions and `arcsynth memory build` reads them from by default.
DEFAULT_SOLUTIONS = SOLUTIONS_DIR


class UsageError(Exception):
    """A bad command-line input; reported as one line with exit code 2."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse whose errors are one line (`arcsynth eval: error: ... (see --help)`) with exit code 2."""

    def error(self, message: str):  # type: ignore[no-untyped-def,override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def out_path(value: Optional[str], what: str) -> Optional[Path]:
    """An output file path whose directory exists (checked before any work is done), or None."""
    if not value:
        return None
    p = Path(value)
    if not p.parent.is_dir():
        raise UsageError(f"{what} {value}: no such directory {str(p.parent)!r}")
    if p.is_dir():
        raise UsageError(f"{what} {value}: is a directory")
    return p


def dataset_name(value: str) -> str:
    """An argparse type: one of the known dataset names."""
    if value not in DATASETS:
        raise argparse.ArgumentTypeError(f"unknown dataset {value!r}; choose one of {', '.join(DATASETS)}")
    return value


def positive(kind: type, what: str) -> Callable[[str], object]:
    """An argparse type: a positive finite number of `kind` (int or float)."""
    def parse(value: str):  # type: ignore[no-untyped-def]
        try:
            v = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a positive number, got {value!r}") from None
        if not math.isfinite(v) or v <= 0:
            raise argparse.ArgumentTypeError(f"{what} must be a positive finite number, got {value!r}")
        return v
    return parse


__all__ = ["UsageError", "ArgumentParser", "out_path", "dataset_name", "positive", "DEFAULT_SOLUTIONS"]
