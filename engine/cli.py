"""The `arcsynth` command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

from dsl.errors import DSLError

from .task import DATASETS, TaskFormatError

DEFAULT_SOLUTIONS = Path(__file__).resolve().parent.parent / "examples" / "solutions"


class UsageError(Exception):
    """A bad command-line input; reported as one line with exit code 2."""


def _dataset_name(value: str) -> str:
    if value not in DATASETS:
        raise argparse.ArgumentTypeError(f"unknown dataset {value!r}; choose one of {', '.join(DATASETS)}")
    return value


# --------------------------------------------------------------------------------------------- dsl
def cmd_dsl_list(args: argparse.Namespace) -> int:
    from dsl.registry import by_family
    groups = by_family()
    if args.json:
        rows = [{"name": p.name, "family": p.family, "signature": p.signature, "params": [str(t) for t in p.params],
                 "returns": str(p.ret), "doc": p.doc, "weight": p.weight} for ps in groups.values() for p in ps]
        json.dump(rows, sys.stdout, indent=1)
        print()
        return 0
    total = 0
    for fam, ps in groups.items():
        if not ps:
            continue
        print(f"## {fam} ({len(ps)})")
        for p in ps:
            print(f"  {p.signature}\n      {p.doc}")
        total += len(ps)
    print(f"\n{total} primitives")
    return 0


def cmd_dsl_grammar(args: argparse.Namespace) -> int:
    from dsl import grammar
    text = grammar.generate()
    if args.check:
        if grammar.GRAMMAR_PATH.read_text() != text:
            print(f"{grammar.GRAMMAR_PATH} is out of date with the registry; run `arcsynth dsl grammar`", file=sys.stderr)
            return 1
        print(f"{grammar.GRAMMAR_PATH} is in sync with the registry")
        return 0
    grammar.write()
    print(f"wrote {grammar.GRAMMAR_PATH}")
    return 0


# ------------------------------------------------------------------------------------------- check
def cmd_check(args: argparse.Namespace) -> int:
    from dsl.library import list_solutions, read_program

    from .task import load_dataset
    from .verify import verify
    d = Path(args.dir)
    if not d.is_dir():
        raise UsageError(f"{d}: no such directory of solutions")
    files = list_solutions(d)
    if not files:
        raise UsageError(f"{d}: no *.arc solution files")
    tasks = {t.id: t for t in load_dataset(args.dataset)}
    rows = []
    for tid, path in files.items():
        if tid not in tasks:
            continue
        try:
            text = read_program(path)
            v = verify(text, tasks[tid])
            rows.append({"task": tid, "solved": v.solves, "train": f"{sum(v.train_ok)}/{len(v.train_ok)}",
                         "test": f"{sum(bool(x) for x in v.test_ok)}/{len(v.test_ok)}", "error": v.error,
                         "program": text})
        except DSLError as e:
            rows.append({"task": tid, "solved": False, "train": "-", "test": "-", "error": str(e), "program": None})
    solved = sum(r["solved"] for r in rows)
    summary = {"dataset": args.dataset, "files": len(files), "checked": len(rows), "solved": solved,
               "not_in_dataset": len(files) - len(rows)}
    if args.json:
        json.dump({"summary": summary, "tasks": rows}, sys.stdout, indent=1)
        print()
    else:
        for r in rows:
            mark = "ok  " if r["solved"] else "FAIL"
            extra = f"  {r['error']}" if r["error"] and not r["solved"] else ""
            print(f"{mark} {r['task']}  train {r['train']}  test {r['test']}{extra}")
        print(f"{solved}/{len(rows)} solutions solve every train and test pair of {args.dataset} "
              f"({summary['not_in_dataset']} files are for other datasets)")
    return 0 if solved == len(rows) else 1


# ------------------------------------------------------------------------------------------- bench
def cmd_bench_dsl(args: argparse.Namespace) -> int:
    from .bench import bench_dsl
    from .task import load_dataset
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


# -------------------------------------------------------------------------------------------- repl
def cmd_repl(args: argparse.Namespace) -> int:
    from dsl.repl import Repl

    from .task import find_task
    task = find_task(args.task)
    repl = Repl(task.id, [(p.input, p.output) for p in task.train], [(p.input, p.output) for p in task.test],
                solutions_dir=Path(args.solutions))
    repl.run()
    return 0


# -------------------------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="arcsynth", description="Program synthesis for ARC grid puzzles.")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    dsl_p = sub.add_parser("dsl", help="inspect the DSL")
    dsl_sub = dsl_p.add_subparsers(dest="dsl_command", metavar="WHAT")
    lp = dsl_sub.add_parser("list", help="every primitive with signature, family and docstring")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(func=cmd_dsl_list)
    gp = dsl_sub.add_parser("grammar", help="regenerate grammars/program.lark from the registry")
    gp.add_argument("--check", action="store_true", help="only check that the committed grammar is in sync")
    gp.set_defaults(func=cmd_dsl_grammar)

    cp = sub.add_parser("check", help="verify a directory of solution programs on their tasks")
    cp.add_argument("dir")
    cp.add_argument("--dataset", type=_dataset_name, required=True)
    cp.add_argument("--json", action="store_true")
    cp.set_defaults(func=cmd_check)

    bp = sub.add_parser("bench", help="benchmarks")
    bsub = bp.add_subparsers(dest="bench_command", metavar="WHAT")
    bd = bsub.add_parser("dsl", help="programs evaluated per second on real ARC inputs")
    bd.add_argument("--dataset", type=_dataset_name, default="arc1-training")
    bd.add_argument("--programs", type=int, default=2000)
    bd.add_argument("--seed", type=int, default=0)
    bd.add_argument("--json", action="store_true")
    bd.set_defaults(func=cmd_bench_dsl)

    rp = sub.add_parser("repl", help="author a program for a task interactively")
    rp.add_argument("task", help="task JSON file or task id")
    rp.add_argument("--solutions", default=str(DEFAULT_SOLUTIONS), help="where :save writes (default: examples/solutions)")
    rp.set_defaults(func=cmd_repl)
    return ap


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        ap.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except (UsageError, TaskFormatError, DSLError) as e:
        print(f"arcsynth: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("arcsynth: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
