"""`arcsynth bench dsl|primitives|cellrules`: benchmarks that are commands, not timed unit tests."""
from __future__ import annotations

import argparse
import json
import sys

from arcsynth.cli.common import dataset_name, positive
from arcsynth.core.task import load_dataset
from arcsynth.reporting.bench import bench_cellrules, bench_dsl, measure_primitives
from arcsynth.search import speed


def run_dsl(args: argparse.Namespace) -> int:
    """Programs evaluated per second on real ARC inputs."""
    tasks = load_dataset(args.dataset)
    r = bench_dsl(tasks, n_programs=args.programs, seed=args.seed)
    if args.json:
        json.dump(r.__dict__, sys.stdout, indent=1)
        print()
    else:
        print(f"{r.evaluations} evaluations of {r.programs} random grammar programs on {args.dataset} train inputs")
        print(f"{r.evals_per_second:,.0f} evaluations/s (best of 3 passes; {r.failures} ended in DSLError)")
        print(f"per evaluation: median {r.median_us:.0f} us, p90 {r.p90_us:.0f} us")
    return 0


def run_primitives(args: argparse.Namespace) -> int:
    """Time each primitive inside the enumerator (the Levin cost table); --write ships the table."""
    all_tasks = load_dataset(args.dataset)
    tasks = all_tasks[:: max(1, len(all_tasks) // args.tasks)][: args.tasks]  # a spread over the set
    table = measure_primitives(tasks, args.seconds)
    if args.write:
        speed.write(table)
        print(f"wrote {speed.SPEED_PATH}")
    slow = sorted(table["mean_seconds"].items(), key=lambda kv: -kv[1])[:15]
    for k, v in slow:
        print(f"{k:28s} {1e6 * v:9.0f} us/application")
    return 0


def run_cellrules(args: argparse.Namespace) -> int:
    """How often the local cell rules fire and are right."""
    exclude = {t.id for name in args.exclude or [] for t in load_dataset(name)}
    tasks = [t for t in load_dataset(args.dataset) if t.id not in exclude]
    r = bench_cellrules(tasks)
    if args.json:
        json.dump(r.__dict__, sys.stdout, indent=1)
        print()
        return 0
    print(f"{args.dataset}: {r.tasks} tasks" + (f" (without those of {', '.join(args.exclude)})" if args.exclude else ""))
    print(f"a rule passed leave-one-out and covered the test inputs on {r.fired}; all test outputs right (pass@2) on "
          f"{r.correct}, wrong on {len(r.wrong)}{': ' + ' '.join(r.wrong) if r.wrong else ''}")
    for name, n in r.by_rule.items():
        print(f"  {n:4d}  {name}")
    print(f"time per task: median {r.median_ms:.1f} ms, max {r.max_ms:.1f} ms")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="benchmarks")
    bsub = p.add_subparsers(dest="bench_command", metavar="WHAT")
    bd = bsub.add_parser("dsl", help="programs evaluated per second on real ARC inputs")
    bd.add_argument("--dataset", type=dataset_name, default="arc1-training")
    bd.add_argument("--programs", type=int, default=2000)
    bd.add_argument("--seed", type=int, default=0)
    bd.add_argument("--json", action="store_true")
    bd.set_defaults(func=run_dsl)
    bpr = bsub.add_parser("primitives", help="time each primitive inside the enumerator (Levin cost table)")
    bpr.add_argument("--dataset", type=dataset_name, default="arc1-training")
    bpr.add_argument("--tasks", type=positive(int, "--tasks"), default=40)
    bpr.add_argument("--seconds", type=positive(float, "--seconds"), default=2.0)
    bpr.add_argument("--write", action="store_true", help="write engine/data/primitive_speed.json")
    bpr.set_defaults(func=run_primitives)
    bcr = bsub.add_parser("cellrules", help="how often the local cell rules fire and are right (engine/cellrules/)")
    bcr.add_argument("--dataset", type=dataset_name, default="arc1-training")
    bcr.add_argument("--exclude", type=dataset_name, action="append",
                     help="leave out the tasks of this dataset too (e.g. arc2-training less ARC-AGI-1: "
                          "--exclude arc1-training --exclude arc1-evaluation)")
    bcr.add_argument("--json", action="store_true")
    bcr.set_defaults(func=run_cellrules)


__all__ = ["add_parser"]
