"""Running the solver over many tasks: isolated worker processes, per-task time and memory caps,
an incrementally written report.json that `--resume` continues, and a live progress line."""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Callable, Optional, TextIO

from arcsynth.dsl.grid import Grid

from arcsynth.solver import SolverConfig, warm_caches
from arcsynth.core.task import Task

#: Extra wall seconds a worker gets beyond the budget before it is killed.
GRACE_SECONDS = 5.0
#: Address-space cap per worker process (bytes).
DEFAULT_MEMORY_LIMIT = 4 * 1024**3


@dataclass
class TaskOutcome:
    """What one task produced: attempts per test input, and whether each test output was solved."""

    task_id: str
    attempts: list[list[list[list[int]]]]     # per test input: list of grids (as lists)
    solved: list[Optional[bool]]              # per test output; None where the answer is unknown
    seconds: float
    program: Optional[str]
    source: str
    error: Optional[str] = None
    trace: dict = field(default_factory=dict)


#: Test-only fault injection: ARCSYNTH_INJECT_FAULT="KIND:TASK_ID[,KIND:TASK_ID ...]" makes the worker of each
#: named task misbehave before it solves, so tests can show that one bad task costs only itself. Kinds:
#: hang (sleeps forever), memory (grows its address space without bound), exit (os._exit(3)),
#: kill (SIGKILL to itself), segv (SIGSEGV to itself, like a crash in native code), raise (RuntimeError).
FAULT_ENV = "ARCSYNTH_INJECT_FAULT"
FAULT_KINDS = ("hang", "memory", "exit", "kill", "segv", "raise")


def _inject_fault(task_id: str) -> None:
    """Misbehave as ARCSYNTH_INJECT_FAULT asks for this task (nothing when the variable is unset)."""
    for item in os.environ.get(FAULT_ENV, "").split(","):
        kind, _, tid = item.strip().partition(":")
        if tid != task_id or kind not in FAULT_KINDS:
            continue
        if kind == "hang":
            while True:
                time.sleep(3600)
        elif kind == "memory":
            import numpy as np
            hog = []
            while True:  # address space only (zeroed pages are not touched), so the cap trips, not the machine
                hog.append(np.zeros(256 * 1024**2, dtype=np.uint8))
        elif kind == "exit":
            os._exit(3)
        elif kind == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif kind == "segv":
            os.kill(os.getpid(), signal.SIGSEGV)
        else:
            raise RuntimeError(f"injected fault for task {task_id}")


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this worker when the eval process dies (even by kill -9), so no worker is orphaned."""
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _child(conn: Connection, task: Task, config: SolverConfig, memory_limit: int, parent: int = 0) -> None:
    msg: tuple = ("error", "worker ended without a result")
    try:
        if parent:
            _die_with_parent(parent)
        if memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        _inject_fault(task.id)
        from arcsynth.solver import Solver
        res = Solver(config).solve(task)
        msg = ("ok", [[g.tolist() for g in att] for att in res.attempts], res.program, res.source, res.trace)
    except MemoryError:
        msg = ("error", "out of memory (worker memory cap)")
    except BaseException as e:  # report, never crash the run
        msg = ("error", f"{type(e).__name__}: {e} | {traceback.format_exc(limit=3)[-500:]}")
    # Sent outside the handlers, so whatever filled the memory has been released by now.
    try:
        conn.send(msg)
    finally:
        conn.close()


def _death(proc: mp.Process) -> str:
    """Why a worker ended without a result: its exit code, or the signal that killed it."""
    proc.join(1.0)
    code = proc.exitcode
    if code is not None and code < 0:
        try:
            return f"worker killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"worker killed by signal {-code}"
    return f"worker died (exit code {code})"


def _fallback_attempts(task: Task) -> list[list[list[list[int]]]]:
    return [[p.input.tolist()] for p in task.test]


def _judge(task: Task, attempts: list[list[list[list[int]]]]) -> list[Optional[bool]]:
    out: list[Optional[bool]] = []
    for pair, att in zip(task.test, attempts):
        if pair.output is None:
            out.append(None)
        else:
            want = pair.output.tolist()
            out.append(any(a == want for a in att[:2]))
    return out


class _Running:
    def __init__(self, task: Task, proc: mp.Process, conn: Connection, started: float, limit: float):
        self.task, self.proc, self.conn, self.started, self.limit = task, proc, conn, started, limit


def run_tasks(tasks: list[Task], config: SolverConfig, workers: int = 1,
              on_result: Optional[Callable[[TaskOutcome], None]] = None,
              memory_limit: int = DEFAULT_MEMORY_LIMIT) -> list[TaskOutcome]:
    """Solve tasks in up to `workers` isolated processes; a task that crashes, loops or explodes costs only itself."""
    ctx = mp.get_context("fork")
    warm_caches(config)  # built once here, inherited by every forked worker; a corrupt memory store stops the run here
    pending = list(tasks)
    running: list[_Running] = []
    results: list[TaskOutcome] = []
    from arcsynth.core.clock import WALL_FACTOR
    # On the work clock a solve may take up to WALL_FACTOR × its budget of wall time (engine/clock.py).
    limit = config.budget * (WALL_FACTOR if config.clock == "work" else 1.0) + GRACE_SECONDS

    def finish(r: _Running, outcome: TaskOutcome) -> None:
        results.append(outcome)
        if on_result:
            on_result(outcome)

    while pending or running:
        while pending and len(running) < max(1, workers):
            task = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            p = ctx.Process(target=_child, args=(child, task, config, memory_limit, os.getpid()), daemon=True)
            p.start()
            child.close()
            running.append(_Running(task, p, parent, time.monotonic(), limit))
        time.sleep(0.01)
        for r in list(running):
            elapsed = time.monotonic() - r.started
            msg = None
            if r.conn.poll():
                try:
                    msg = r.conn.recv()
                except (EOFError, OSError):
                    msg = ("error", _death(r.proc))
            elif not r.proc.is_alive():
                r.proc.join(0.1)
                if r.conn.poll():
                    continue
                msg = ("error", _death(r.proc))
            elif elapsed > r.limit:
                r.proc.kill()
                msg = ("error", f"timed out after {elapsed:.1f} s (budget {config.budget} s)")
            if msg is None:
                continue
            running.remove(r)
            r.proc.join(1.0)
            if r.proc.is_alive():
                r.proc.kill()
            r.conn.close()
            t = r.task
            if msg[0] == "ok":
                _, attempts, program, source, trace = msg
                outcome = TaskOutcome(t.id, attempts, _judge(t, attempts), round(elapsed, 3), program, source, None, trace)
            else:
                attempts = _fallback_attempts(t)
                outcome = TaskOutcome(t.id, attempts, _judge(t, attempts), round(elapsed, 3), None, "none", msg[1])
            finish(r, outcome)
    return results


# ----------------------------------------------------------------------------------------- report
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
    report: dict = {"dataset": dataset, "budget": config.budget, "workers": workers,
                    "config": {"strategy": config.strategy, "seed": config.seed, "memory": config.use_memory,
                               "llm": config.use_llm, "maxsat": config.use_maxsat,
                               "cellrules": config.use_cellrules, "objectwise": config.objectwise,
                               "clock": config.clock,
                               "inverse": config.inverse},
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
        atts = outcomes.get(t.id) or _fallback_attempts(t)
        rows = []
        for i, pair in enumerate(t.test):
            a = atts[i] if i < len(atts) and atts[i] else [pair.input.tolist()]
            rows.append({"attempt_1": a[0], "attempt_2": a[1] if len(a) > 1 else a[0]})
        sub[t.id] = rows
    return sub


__all__ = ["run_tasks", "evaluate_dataset", "submission", "score_block", "TaskOutcome", "Grid", "asdict"]
