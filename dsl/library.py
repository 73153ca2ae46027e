"""A solutions library: one program per task in a text file `<task_id>.arc` (comment lines start with '#')."""
from __future__ import annotations

from pathlib import Path

from .errors import DSLSyntaxError

SUFFIX = ".arc"


def read_program(path: str | Path) -> str:
    """The program text in a solution file (comment and blank lines dropped, remaining lines joined)."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DSLSyntaxError(f"{p}: cannot read solution file: {e}") from None
    body = " ".join(ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))
    if not body:
        raise DSLSyntaxError(f"{p}: solution file has no program")
    return body


def write_program(directory: str | Path, task_id: str, program: str, comment: str = "") -> Path:
    """Write (atomically) `<directory>/<task_id>.arc` holding the program and an optional comment line."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"{task_id}{SUFFIX}"
    tmp = path.with_suffix(SUFFIX + ".tmp")
    text = (f"# {comment}\n" if comment else "") + program.strip() + "\n"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def list_solutions(directory: str | Path) -> dict[str, Path]:
    """Task id -> solution file, for every *.arc file in a directory."""
    d = Path(directory)
    return {p.stem: p for p in sorted(d.glob(f"*{SUFFIX}"))}
