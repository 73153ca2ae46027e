"""arcsynth engine: task I/O, search, scoring, solver, CLI.

`engine.solve(task, budget=...)` and `engine.Solver(SolverConfig(...))` are the library entry points;
`engine.load_task_file` / `engine.load_dataset` / `engine.find_task` read tasks. Imported lazily so `import engine` stays cheap.
"""
from __future__ import annotations

from typing import Any

_EXPORTS = {
    "solve": ("engine.solver", "solve"),
    "Solver": ("engine.solver", "Solver"),
    "SolverConfig": ("engine.solver", "SolverConfig"),
    "SolveResult": ("engine.solver", "SolveResult"),
    "Task": ("engine.task", "Task"),
    "load_task_file": ("engine.task", "load_task_file"),
    "load_dataset": ("engine.task", "load_dataset"),
    "find_task": ("engine.task", "find_task"),
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib
        mod, attr = _EXPORTS[name]
        return getattr(importlib.import_module(mod), attr)
    raise AttributeError(f"module 'engine' has no attribute {name!r}")
