"""The pipeline (engine/pipeline.py): every solve carries its own state, so one Solver can run solves at once."""
from __future__ import annotations

import threading

from arcsynth.config import SolverConfig
from arcsynth.core.task import find_task
from arcsynth.pipeline import STAGES
from arcsynth.solver import Solver, SolveResult


def _summary(r: SolveResult) -> tuple:
    s = r.trace["search"]
    return (r.program, r.source, [[g.tolist() for g in a] for a in r.attempts], s["candidates"], s["kept"],
            s["max_level"], r.trace.get("candidates_before_solution"))


def test_two_solves_at_once_in_one_process_equal_two_solves_one_after_the_other() -> None:
    # On the work clock a solve is a fixed amount of work: run apart or together in two threads of one process,
    # each solve must do exactly the same (a Solver keeps no per-solve state; each solve has its own clock).
    tasks = [find_task(t, ["arc1-training"]) for t in ("a65b410d", "0d3d703e")]
    solver = Solver(SolverConfig(budget=0.4, clock="work").disable("memory", "propose"))
    apart = [_summary(solver.solve(t)) for t in tasks]
    together: list = [None, None]

    def run(i: int) -> None:
        together[i] = _summary(solver.solve(tasks[i]))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert together == apart
    assert apart[0][3] > 1000 and apart[1][0]  # a real search ran, and the colour-swap task was solved


def test_disabled_stages_do_not_run_and_leave_no_trace() -> None:
    task = find_task("0d3d703e", ["arc1-training"])
    r = Solver(SolverConfig(budget=0.5).disable("memory", "propose", "cellrules", "maxsat")).solve(task)
    assert not {"memory", "llm", "cellrule", "maxsat", "memory_added"} & set(r.trace)
    assert {s.name for s in STAGES} >= {"perceive", "search", "decide"} and r.program
