"""report.json and submission.json: the score as Kaggle counts it, a report written after every task (so an
interrupted run loses nothing and `--resume` continues it), the live progress line, and the submission file."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Optional, TextIO

from arcsynth.config import SolverConfig
from arcsynth.core.task import Task
from arcsynth.reporting.runner import TaskOutcome, fallback_attempts, run_tasks


def score_block(tasks_report: dict) -> dict:
    """The report's score: Kaggle counting (a test output counts when either attempt equals it)."""
    solved_outputs = total_outputs = solved_tasks = 0
    for rec in tasks_report.values():
        flags = [bool(x) for x in rec["solved"] if x is not None]
        total_outputs += len(rec["solved"])
        solved_outputs += sum(flags)
        solved_tasks += bool(rec["solved"]) and all(bool(x) for x in rec["solved"])
    return {"solved_outputs": solved_outputs, "total_outputs": total_outputs,
            "per_output": round(solved_outputs / total_outputs, 4) if total_outputs else 0.0,
            "solved_tasks": solved_tasks, "total_tasks": len(tasks_report)}


def report_problem(obj: object) -> str:
    """What makes a parsed JSON value unusable as a report.json ("" when it is one)."""
    if not isinstance(obj, dict):
        return f"a report is a JSON object, got {type(obj).__name__}"
    tasks = obj.get("tasks")
    if not isinstance(tasks, dict):
        return "'tasks' must map task ids to results"
    for tid, rec in tasks.items():
        if not isinstance(rec, dict) or not isinstance(rec.get("solved"), list):
            return f"task {tid!r} has no 'solved' list"
        for key, kind in (("attempts", list), ("trace", dict), ("error", str), ("seconds", (int, float))):
            if key in rec and not isinstance(rec[key], kind):
                return f"task {tid!r}: '{key}' has the wrong type"
    return ""


def read_report(path: str | Path) -> dict:
    """A report.json read and checked; ValueError says what is wrong with it."""
    p = Path(path)
    try:
        rep = json.loads(p.read_text())
    except (OSError, ValueError) as e:
        raise ValueError(f"{p}: cannot read report: {e}") from None
    problem = report_problem(rep)
    if problem:
        raise ValueError(f"{p}: not an eval report: {problem}")
    return rep


def config_changes(old: object, new: dict, prefix: str = "") -> list[str]:
    """The settings (dotted names) in which two stored configs differ."""
    if not isinstance(old, dict):
        return [prefix.rstrip(".") or "config"]
    out = []
    for k in sorted(set(old) | set(new)):
        a, b = old.get(k), new.get(k)
        if isinstance(a, dict) and isinstance(b, dict):
            out += config_changes(a, b, f"{prefix}{k}.")
        elif a != b:
            out.append(f"{prefix}{k}")
    return out


def write_json_atomic(path: Path, obj: object) -> None:
    """Write JSON via a temporary file and rename, so a crash never leaves a half-written file."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w") as f:
        json.dump(obj, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class Progress:
    """A live progress line on stderr: done/total, solved outputs, per_output, elapsed."""

    def __init__(self, total: int, stream: TextIO = sys.stderr):
        self.total, self.stream, self.t0 = total, stream, time.monotonic()
        self.tty = stream.isatty()

    def update(self, done: int, score: dict, last: str = "") -> None:
        el = time.monotonic() - self.t0
        line = (f"[{done}/{self.total}] solved {score['solved_outputs']}/{score['total_outputs']} outputs "
                f"({100 * score['per_output']:.1f}%)  {el:.0f}s  {last}")
        if self.tty:
            width = 30
            fill = int(width * done / max(1, self.total))
            self.stream.write("\r\x1b[K" + "#" * fill + "." * (width - fill) + " " + line)
            if done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def evaluate_dataset(tasks: list[Task], config: SolverConfig, workers: int, report_path: Optional[Path],
                     dataset: str, resume: bool = False, progress: bool = True) -> dict:
    """Solve every task, writing report.json after each one; with resume, tasks already in the report are kept."""
    report: dict = {"dataset": dataset, "budget": config.budget, "workers": workers, "config": config.as_dict(),
                    "score": {}, "tasks": {}}
    if resume and report_path is not None and report_path.exists():
        try:
            old = json.loads(report_path.read_text())
        except ValueError as e:
            raise ValueError(f"{report_path}: cannot resume from a corrupt report ({e})") from None
        problem = report_problem(old)
        if problem:
            raise ValueError(f"{report_path}: cannot resume: not an eval report: {problem}")
        if old.get("dataset") != dataset:
            raise ValueError(f"{report_path} is a report for {old.get('dataset')!r}, not {dataset!r}")
        changed = config_changes(old.get("config"), report["config"])
        if changed:
            raise ValueError(f"{report_path} was made with another configuration ({', '.join(changed[:6])}); resume "
                             "with the same options, or write a new report")
        report["tasks"] = {k: v for k, v in old.get("tasks", {}).items() if k in {t.id for t in tasks}}
    todo = [t for t in tasks if t.id not in report["tasks"]]
    report["score"] = score_block(report["tasks"])
    bar = Progress(len(tasks)) if progress else None
    if report_path is not None:
        write_json_atomic(report_path, report)

    def record(o: TaskOutcome) -> None:
        rec = {"solved": o.solved, "seconds": o.seconds, "program": o.program, "attempts": o.attempts,
               "source": o.source}
        if o.error:
            rec["error"] = o.error
        if o.trace:
            rec["trace"] = o.trace
        report["tasks"][o.task_id] = rec
        report["score"] = score_block(report["tasks"])
        if report_path is not None:
            write_json_atomic(report_path, report)
        if bar:
            mark = "ok" if o.solved and all(o.solved) else ("ERR" if o.error else "--")
            bar.update(len(report["tasks"]), report["score"], f"{o.task_id} {mark}")

    run_tasks(todo, config, workers, record)
    return report


def submission(tasks: list[Task], outcomes: dict[str, list[list[list[list[int]]]]]) -> dict:
    """Kaggle submission: {task_id: [{"attempt_1": grid, "attempt_2": grid}, ... per test input]}."""
    sub: dict = {}
    for t in tasks:
        atts = outcomes.get(t.id) or fallback_attempts(t)
        rows = []
        for i, pair in enumerate(t.test):
            a = atts[i] if i < len(atts) and atts[i] else [pair.input.tolist()]
            rows.append({"attempt_1": a[0], "attempt_2": a[1] if len(a) > 1 else a[0]})
        sub[t.id] = rows
    return sub


__all__ = ["evaluate_dataset", "submission", "score_block", "report_problem", "read_report", "write_json_atomic", "Progress"]
