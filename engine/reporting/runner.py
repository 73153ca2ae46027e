"""Running the solver over many tasks on one machine: isolated worker processes (forked), per-task time and memory
caps; a task that hangs, crashes or exhausts memory costs only itself and is recorded with its error."""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import resource
import signal
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Callable, Optional

import numpy as np

from arcsynth.config import SolverConfig
from arcsynth.core.clock import WALL_FACTOR
from arcsynth.core.task import Task
from arcsynth.solver import Solver, warm_caches

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


def fallback_attempts(task: Task) -> list[list[list[list[int]]]]:
    """The attempts of a task that produced none: each test input itself."""
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
    # On the work clock a solve may take up to WALL_FACTOR × its budget of wall time (engine/core/clock.py).
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
                attempts = fallback_attempts(t)
                outcome = TaskOutcome(t.id, attempts, _judge(t, attempts), round(elapsed, 3), None, "none", msg[1])
            finish(r, outcome)
    return results


__all__ = ["run_tasks", "TaskOutcome", "fallback_attempts", "FAULT_ENV", "FAULT_KINDS", "GRACE_SECONDS",
           "DEFAULT_MEMORY_LIMIT"]
