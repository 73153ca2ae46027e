"""arcsynth: program synthesis for ARC grid puzzles.

    import arcsynth
    task = arcsynth.find_task("0d3d703e")          # or load_task_file / load_dataset
    result = arcsynth.solve(task, budget=10)       # two attempts per test input, programs, a trace
    solver = arcsynth.Solver(arcsynth.SolverConfig(budget=5))   # for many tasks: caches stay warm

`arcsynth.dsl` is the program language, `arcsynth.memory` the memory of solved tasks; `arcsynth.pipeline`
lists the stages of a solve.
"""
from __future__ import annotations

from arcsynth import dsl, memory
from arcsynth.core.task import Task, find_task, load_dataset, load_task_file
from arcsynth.solver import Solver, SolverConfig, SolveResult, solve

__all__ = ["solve", "Solver", "SolverConfig", "SolveResult", "Task", "load_task_file", "load_dataset", "find_task",
           "dsl", "memory"]
