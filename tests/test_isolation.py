"""Isolation and crash safety of `arcsynth eval`.

- Faults injected into single tasks' workers (engine.runner's documented ARCSYNTH_INJECT_FAULT hook: a
  worker that hangs, grows its memory without bound, exits, is SIGKILLed, segfaults or raises) cost only
  that task: the run goes on, the other tasks are solved, and report.json records each failure and why.
- `kill -9` of an eval run midway, then `--resume`: no task is lost or run twice, no worker outlives
  the killed run, and the final report equals an uninterrupted run's task by task.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from arcsynth.reporting.runner import FAULT_ENV, FAULT_KINDS

ROOT = Path(__file__).resolve().parent.parent


def _flip(g: list[list[int]]) -> list[list[int]]:
    return [r[::-1] for r in g]


def _vflip(g: list[list[int]]) -> list[list[int]]:
    return g[::-1]


def _rot180(g: list[list[int]]) -> list[list[int]]:
    return [r[::-1] for r in g[::-1]]


def _transpose(g: list[list[int]]) -> list[list[int]]:
    return [list(r) for r in zip(*g)]


def _recolour(g: list[list[int]]) -> list[list[int]]:
    return [[5 if v == 1 else v for v in r] for r in g]


INPUTS = ([[1, 2, 0], [0, 1, 3]], [[4, 1], [1, 0], [2, 2]], [[0, 0, 1], [3, 1, 0], [1, 1, 2]])


def write_task(d: Path, task_id: str, f: Callable[[list[list[int]]], list[list[int]]]) -> None:
    """A tiny ARC task (two train pairs, one test pair with its answer) that the search solves in well under a second."""
    task = {"train": [{"input": g, "output": f(g)} for g in INPUTS[:2]],
            "test": [{"input": INPUTS[2], "output": f(INPUTS[2])}]}
    (d / f"{task_id}.json").write_text(json.dumps(task))


def eval_cmd(data: Path, report: Path, *extra: str, budget: str = "1", workers: str = "2") -> list[str]:
    return [sys.executable, "-m", "arcsynth.cli", "eval", "--data", str(data), "--budget", budget, "--workers", workers,
            "--report", str(report), "--no-memory", "--no-llm", *extra]


def run_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    env.update(extra)
    return env


# ------------------------------------------------------------------------------------------- faults
EXPECTED_REASON = {
    "hang": "timed out after",
    "memory": "out of memory (worker memory cap)",
    "exit": "worker died (exit code 3)",
    "kill": "worker killed by signal SIGKILL",
    "segv": "worker killed by signal SIGSEGV",
    "raise": "RuntimeError: injected fault for task fault-raise",
}


def test_faulty_tasks_cost_only_themselves(tmp_path: Path) -> None:
    """Every fault kind in one eval run: the run exits 0, good tasks are solved, each failure and its reason is recorded."""
    assert set(EXPECTED_REASON) == set(FAULT_KINDS)
    data = tmp_path / "data"
    data.mkdir()
    good = {"good-flip": _flip, "good-recolour": _recolour}
    for tid, f in good.items():
        write_task(data, tid, f)
    for kind in FAULT_KINDS:
        write_task(data, f"fault-{kind}", _flip)  # solvable: only the injected fault can make it fail
    report = tmp_path / "report.json"
    spec = ",".join(f"{kind}:fault-{kind}" for kind in FAULT_KINDS)
    t0 = time.monotonic()
    r = subprocess.run(eval_cmd(data, report, "--quiet"), capture_output=True, text=True, timeout=120,
                       env=run_env(**{FAULT_ENV: spec}), cwd=ROOT)
    wall = time.monotonic() - t0
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    rep = json.loads(report.read_text())
    tasks = rep["tasks"]
    assert set(tasks) == set(good) | {f"fault-{k}" for k in FAULT_KINDS}
    for tid in good:
        assert tasks[tid]["solved"] == [True] and "error" not in tasks[tid], tasks[tid]
    for kind, reason in EXPECTED_REASON.items():
        rec = tasks[f"fault-{kind}"]
        assert reason in rec.get("error", ""), (kind, rec.get("error"))
        assert rec["solved"] == [False] and rec["source"] == "none" and rec["program"] is None
    assert rep["score"]["solved_tasks"] == len(good) and rep["score"]["total_tasks"] == len(tasks)
    # The hanging worker is cut at budget + grace (1 + 5 s); nothing else may stall the run.
    assert tasks["fault-hang"]["seconds"] < 10 and wall < 90


def test_fault_hook_is_inert_without_the_variable(tmp_path: Path) -> None:
    """Task ids that name fault kinds are solved normally when ARCSYNTH_INJECT_FAULT is unset."""
    data = tmp_path / "data"
    data.mkdir()
    write_task(data, "hang", _flip)
    write_task(data, "fault-kill", _vflip)
    report = tmp_path / "report.json"
    r = subprocess.run(eval_cmd(data, report, "--quiet"), capture_output=True, text=True, timeout=120,
                       env=run_env(), cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    tasks = json.loads(report.read_text())["tasks"]
    assert all(rec["solved"] == [True] and "error" not in rec for rec in tasks.values()), tasks


# ------------------------------------------------------------------------------------ crash safety
RESUME_TASKS = {"a-flip": _flip, "b-vflip": _vflip, "c-rot180": _rot180, "d-transpose": _transpose,
                "e-recolour": _recolour, "f-flip": _flip}


def _children(pid: int) -> list[int]:
    """Process ids whose parent is pid."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _ran(stderr: str) -> list[str]:
    """Task ids a run reported finishing, from its progress lines (`[k/N] ... TASK_ID ok|--|ERR`)."""
    return [ln.split()[-2] for ln in stderr.splitlines() if ln.startswith("[") and len(ln.split()) > 2]


def _results(report: dict) -> dict[str, dict]:
    """Per-task results to compare across runs: everything but timings and traces.

    The second attempt is left out: it is the best other candidate found before the budget ran out, so it
    depends on machine speed and differs even between two uninterrupted runs.
    """
    return {tid: {"solved": rec["solved"], "program": rec["program"], "source": rec["source"],
                  "first_attempts": [a[:1] for a in rec["attempts"]], "error": rec.get("error")}
            for tid, rec in report["tasks"].items()}


def test_kill_9_midway_then_resume_equals_uninterrupted_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for tid, f in RESUME_TASKS.items():
        write_task(data, tid, f)

    full = tmp_path / "full.json"
    r = subprocess.run(eval_cmd(data, full, workers="1"), capture_output=True, text=True, timeout=120,
                       env=run_env(), cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    uninterrupted = json.loads(full.read_text())

    # The killed run's third task hangs, so the kill surely lands midway with a worker in flight (which must
    # not outlive the run); the resumed run has no fault and solves it.
    part = tmp_path / "part.json"
    proc = subprocess.Popen(eval_cmd(data, part, workers="1"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=run_env(**{FAULT_ENV: "hang:c-rot180"}), cwd=ROOT)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 90
        done: dict = {}
        while time.monotonic() < deadline and proc.poll() is None:
            if part.exists():
                done = json.loads(part.read_text())["tasks"]  # always whole: written by atomic rename
                if len(done) >= 2:
                    # The report is written before the next worker starts: wait for the (hanging) third
                    # task's worker, so the kill lands with it in flight.
                    workers = _children(proc.pid)
                    if not workers:
                        time.sleep(0.02)
                        continue
                    os.kill(proc.pid, signal.SIGKILL)
                    break
            time.sleep(0.02)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed midway"
    killed = json.loads(part.read_text())
    assert sorted(killed["tasks"]) == ["a-flip", "b-vflip"]
    # Workers of the killed run die with it (PR_SET_PDEATHSIG); none is left running orphaned.
    assert workers, "no worker was in flight"
    t_end = time.monotonic() + 3
    while any(_alive(w) for w in workers) and time.monotonic() < t_end:
        time.sleep(0.05)
    orphans = [w for w in workers if _alive(w)]
    for w in orphans:  # clean up before failing
        os.kill(w, signal.SIGKILL)
    assert not orphans, f"orphaned workers {orphans}"

    r = subprocess.run(eval_cmd(data, part, "--resume", workers="1"), capture_output=True, text=True, timeout=120,
                       env=run_env(), cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    resumed = json.loads(part.read_text())
    ran_again = _ran(r.stderr)
    assert sorted(ran_again) == sorted(set(RESUME_TASKS) - set(killed["tasks"])), (ran_again, list(killed["tasks"]))
    for tid, rec in killed["tasks"].items():  # kept as they were, not recomputed
        assert resumed["tasks"][tid] == rec
    assert set(resumed["tasks"]) == set(RESUME_TASKS)
    assert _results(resumed) == _results(uninterrupted)
    assert resumed["score"] == uninterrupted["score"]
    assert resumed["score"]["solved_tasks"] == len(RESUME_TASKS)


def test_resume_refuses_a_corrupt_report_with_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write_task(data, "a", _flip)
    report = tmp_path / "report.json"
    report.write_text('{"dataset": "x", "tasks": {')
    r = subprocess.run(eval_cmd(data, report, "--resume", "--quiet"), capture_output=True, text=True, timeout=120,
                       env=run_env(), cwd=ROOT)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "corrupt report" in lines[0], r.stderr


@pytest.mark.parametrize("kind", ["exit", "raise"])
def test_run_tasks_survives_fault_in_process(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same hook through the library API (arcsynth.reporting.runner.run_tasks), as the solve command uses it."""
    from arcsynth.core.task import task_from_json
    from arcsynth.reporting.runner import run_tasks
    from arcsynth.solver import SolverConfig
    tasks = []
    for tid in ("x", "y"):
        obj = {"train": [{"input": g, "output": _flip(g)} for g in INPUTS[:2]], "test": [{"input": INPUTS[2]}]}
        tasks.append(task_from_json(obj, tid))
    monkeypatch.setenv(FAULT_ENV, f"{kind}:x")
    out = {o.task_id: o for o in run_tasks(tasks, SolverConfig(budget=1.0).disable("memory", "propose"), workers=2,
                                            memory_limit=0)}
    assert set(out) == {"x", "y"}
    assert out["x"].error and out["x"].program is None
    assert out["y"].error is None and out["y"].program is not None and out["y"].solved == [None]
