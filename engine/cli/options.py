"""Options that `solve` and `eval` share, defined once: which tasks, and how the solver is configured."""
from __future__ import annotations

import argparse
import random
import sys

from arcsynth.cli.common import UsageError, dataset_name, positive
from arcsynth.config import (
    STRATEGIES,
    CellRulesConfig,
    MaxSATConfig,
    MemoryConfig,
    ProposeConfig,
    SearchConfig,
    SolverConfig,
)
from arcsynth.core.clock import CLOCKS
from arcsynth.core.task import Task, load_dataset, load_dir, load_task_file, select


def add_task_options(p: argparse.ArgumentParser) -> None:
    """A task file, --dataset NAME or --data DIR, narrowed by --task, --sample or --limit."""
    p.add_argument("task_file", nargs="?", help="one task JSON file")
    p.add_argument("--dataset", type=dataset_name)
    p.add_argument("--data", help="directory of task JSON files")
    p.add_argument("--task", nargs="+", help="only these task ids")
    p.add_argument("--limit", type=positive(int, "--limit"), help="first N tasks only")
    p.add_argument("--sample", type=positive(int, "--sample"), help="a fixed random sample of N tasks (see --sample-seed)")
    p.add_argument("--sample-seed", type=int, default=0)


def load_tasks(args: argparse.Namespace) -> tuple[list[Task], str]:
    """The tasks the options select, and the name of where they came from."""
    given = [opt for opt, v in (("a task file", args.task_file), ("--dataset", args.dataset), ("--data", args.data)) if v]
    if len(given) > 1:
        raise UsageError(f"give only one of a task file, --dataset NAME or --data DIR (got {' and '.join(given)})")
    if args.task_file:
        t = load_task_file(args.task_file)
        tasks, name = [t], t.id
    elif args.dataset:
        tasks, name = load_dataset(args.dataset), args.dataset
    elif args.data:
        errors: list[str] = []
        tasks, name = load_dir(args.data, errors), str(args.data)
        if not tasks:
            more = f" (and {len(errors) - 1} more bad files)" if len(errors) > 1 else ""
            raise UsageError(f"{args.data}: no valid task files: {errors[0]}{more}")
        for e in errors:
            print(f"arcsynth: skipping {e}", file=sys.stderr)
    else:
        raise UsageError("give a task file, --dataset NAME or --data DIR")
    if args.task:
        tasks = select(tasks, args.task)
    if args.sample:
        tasks = sorted(random.Random(args.sample_seed).sample(tasks, min(args.sample, len(tasks))), key=lambda t: t.id)
    if args.limit:
        tasks = tasks[: args.limit]
    return tasks, name


def add_solver_options(p: argparse.ArgumentParser) -> None:
    """Budget, workers, and the switches of the solver's stages."""
    p.add_argument("--budget", type=positive(float, "--budget"), default=10.0, help="seconds per task")
    p.add_argument("--workers", type=positive(int, "--workers"), default=1, help="tasks solved at once")
    p.add_argument("--clock", choices=CLOCKS, default="wall",
                   help="decide deadlines on wall seconds, or on work seconds (8,000 enumerated candidates each) so "
                        "that runs repeat exactly whatever the machine load (engine/core/clock.py)")
    p.add_argument("--strategy", choices=STRATEGIES, default="auto")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-memory", action="store_true", help="no memory of solved tasks (engine/memory_glue/)")
    p.add_argument("--no-llm", action="store_true", help="no LLM proposer (engine/lm/)")
    p.add_argument("--model", help="proposer model: a Hugging Face model directory or .gguf file (default: the shipped one)")
    p.add_argument("--no-maxsat", action="store_true", help="no MaxSAT stages (completion, consensus)")
    p.add_argument("--no-cellrules", action="store_true", help="no local cell rules (engine/cellrules/)")
    p.add_argument("--no-objectwise", action="store_true", help="no object-wise decomposition (engine/search/objectwise.py)")
    p.add_argument("--no-inverse", action="store_true", help="no goal inversion of cheap final steps (engine/search/inverse.py)")


def solver_config(args: argparse.Namespace) -> SolverConfig:
    """The SolverConfig the solver options describe (defaults elsewhere)."""
    return SolverConfig(budget=args.budget, clock=args.clock, seed=args.seed,
                        memory=MemoryConfig(enabled=not args.no_memory),
                        propose=ProposeConfig(enabled=not args.no_llm, model=args.model),
                        cellrules=CellRulesConfig(enabled=not args.no_cellrules),
                        maxsat=MaxSATConfig(enabled=not args.no_maxsat),
                        search=SearchConfig(strategy=args.strategy, objectwise=not args.no_objectwise,
                                            inverse=not args.no_inverse))


__all__ = ["add_task_options", "load_tasks", "add_solver_options", "solver_config"]
