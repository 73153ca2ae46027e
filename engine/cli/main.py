"""The `arcsynth` command line."""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Optional, Sequence

from arcsynth.core.paths import SOLUTIONS_DIR
from arcsynth.dsl.errors import DSLError
from arcsynth.memory.store import MemoryStoreError

from arcsynth.lm.proposer import ProposerError
from arcsynth.lm_training.rearc import RearcError
from arcsynth.core.task import DATASETS, TaskFormatError

DEFAULT_SOLUTIONS = SOLUTIONS_DIR


class UsageError(Exception):
    """A bad command-line input; reported as one line with exit code 2."""


class _ArgumentParser(argparse.ArgumentParser):
    """argparse whose errors are one line (`arcsynth eval: error: ... (see --help)`) with exit code 2."""

    def error(self, message: str):  # type: ignore[no-untyped-def,override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _out_path(value: Optional[str], what: str) -> Optional[Path]:
    """An output file path whose directory exists (checked before any work is done), or None."""
    if not value:
        return None
    p = Path(value)
    if not p.parent.is_dir():
        raise UsageError(f"{what} {value}: no such directory {str(p.parent)!r}")
    if p.is_dir():
        raise UsageError(f"{what} {value}: is a directory")
    return p


def _dataset_name(value: str) -> str:
    if value not in DATASETS:
        raise argparse.ArgumentTypeError(f"unknown dataset {value!r}; choose one of {', '.join(DATASETS)}")
    return value


# --------------------------------------------------------------------------------------------- dsl
def cmd_dsl_list(args: argparse.Namespace) -> int:
    from arcsynth.dsl.registry import by_family
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
    from arcsynth.dsl import grammar
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



def cmd_dsl_sample(args: argparse.Namespace) -> int:
    """Sample programs from the committed grammar; parse, type-check, round-trip and run each on real inputs."""
    import random

    from arcsynth.dsl import DSLError, check, parse, to_text
    from arcsynth.dsl.interpreter import Limits, evaluate
    from arcsynth.dsl.sampler import sample_programs

    from arcsynth.core.task import load_dataset
    inputs = [p.input for t in load_dataset(args.dataset) for p in t.train]
    rng = random.Random(args.seed)
    counts = {"sampled": 0, "parsed": 0, "type_checked": 0, "round_trip": 0, "ran": 0, "dsl_error": 0, "other_error": 0}
    for text in sample_programs(args.n, seed=args.seed, max_depth=args.max_depth):
        counts["sampled"] += 1
        try:
            node = parse(text)
            counts["parsed"] += 1
            check(node)
            counts["type_checked"] += 1
            counts["round_trip"] += to_text(node) == text and parse(to_text(node)) == node
        except DSLError:
            continue
        try:
            evaluate(node, rng.choice(inputs), Limits(max_seconds=2.0))
            counts["ran"] += 1
        except DSLError:
            counts["dsl_error"] += 1
        except Exception:  # must never happen: reported, not hidden
            counts["other_error"] += 1
    print(json.dumps(counts))
    return 0 if counts["parsed"] == counts["type_checked"] == counts["round_trip"] == counts["sampled"] \
        and counts["other_error"] == 0 else 1

# ------------------------------------------------------------------------------------------- check
def cmd_check(args: argparse.Namespace) -> int:
    from arcsynth.dsl.library import list_solutions, read_program

    from arcsynth.core.task import load_dataset
    from arcsynth.core.verify import verify
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
    from arcsynth.reporting.bench import bench_dsl
    from arcsynth.core.task import load_dataset
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



# ----------------------------------------------------------------------------------- solve / eval
def _positive(kind: type, what: str):  # type: ignore[no-untyped-def]
    def parse(value: str):  # type: ignore[no-untyped-def]
        try:
            v = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a positive number, got {value!r}") from None
        if not math.isfinite(v) or v <= 0:
            raise argparse.ArgumentTypeError(f"{what} must be a positive finite number, got {value!r}")
        return v
    return parse


def _load_tasks(args: argparse.Namespace) -> tuple[list, str]:
    from arcsynth.core.task import load_dataset, load_dir, load_task_file, select
    given = [opt for opt, v in (("a task file", getattr(args, "task_file", None)), ("--dataset", args.dataset),
                                ("--data", args.data)) if v]
    if len(given) > 1:
        raise UsageError(f"give only one of a task file, --dataset NAME or --data DIR (got {' and '.join(given)})")
    if getattr(args, "task_file", None):
        t = load_task_file(args.task_file)
        return [t], t.id
    if args.dataset:
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
    if getattr(args, "task", None):
        tasks = select(tasks, args.task)
    if getattr(args, "sample", None):
        import random
        tasks = sorted(random.Random(args.sample_seed).sample(tasks, min(args.sample, len(tasks))), key=lambda t: t.id)
    if getattr(args, "limit", None):
        tasks = tasks[: args.limit]
    return tasks, name


def _solver_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from arcsynth.lm.proposer import ProposerConfig
    from arcsynth.solver import SolverConfig
    return SolverConfig(budget=args.budget, strategy=getattr(args, "strategy", "auto"), seed=getattr(args, "seed", 0),
                        use_memory=not getattr(args, "no_memory", False), use_llm=not getattr(args, "no_llm", False),
                        use_maxsat=not getattr(args, "no_maxsat", False),
                        use_cellrules=not getattr(args, "no_cellrules", False),
                        clock=getattr(args, "clock", "wall"),
                        objectwise=not getattr(args, "no_objectwise", False),
                        inverse=not getattr(args, "no_inverse", False),
                        llm=ProposerConfig(model=getattr(args, "model", None)))


def cmd_solve(args: argparse.Namespace) -> int:
    from arcsynth.reporting.runner import run_tasks, submission, write_json_atomic
    out = _out_path(args.out, "--out")
    tasks, _name = _load_tasks(args)
    outcomes: dict = {}

    def show(o):  # type: ignore[no-untyped-def]
        outcomes[o.task_id] = o.attempts
        status = "error: " + o.error if o.error else (o.program or "no program found")
        known = [s for s in o.solved if s is not None]
        verdict = f"  [{sum(known)}/{len(known)} test outputs right]" if known else ""
        print(f"{o.task_id}  {o.seconds:.1f}s  {status}{verdict}", file=sys.stderr)

    run_tasks(tasks, _solver_config(args), args.workers, show)
    sub = submission(tasks, outcomes)
    assert out is not None
    write_json_atomic(out, sub)
    print(f"wrote {out} ({len(sub)} tasks)")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from arcsynth.reporting.runner import evaluate_dataset
    report_path = _out_path(args.report, "--report")
    _out_path(args.html, "--html")
    tasks, name = _load_tasks(args)
    try:
        rep = evaluate_dataset(tasks, _solver_config(args), args.workers, report_path, name, resume=args.resume,
                               progress=not args.quiet)
    except ValueError as e:
        raise UsageError(str(e)) from None
    from arcsynth.reporting.stats import summarize
    summary = summarize(rep)
    print(json.dumps({"dataset": name, "budget": args.budget, **rep["score"],
                      "candidates_per_second_median": summary["candidates_per_second_median"],
                      "time_to_solution_s": summary["time_to_solution_s"]}))
    if args.html:
        from arcsynth.reporting.render import html_report
        html_report(rep, {t.id: t for t in tasks}, Path(args.html))
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from arcsynth.reporting.render import render_task, save_png
    from arcsynth.solver import Solver, SolverConfig
    from arcsynth.core.task import find_task
    task = find_task(args.task)
    preds, program = None, args.program
    if program:
        from arcsynth.dsl import check, parse

        from arcsynth.core.verify import verify
        check(parse(program))  # a program that does not parse or type-check is an input error, not a drawing
        v = verify(program, task)
        preds = [[g] if g is not None else [] for g in v.predictions]
    elif not args.no_solve:
        res = Solver(SolverConfig(budget=args.budget)).solve(task)
        preds, program = res.attempts, res.program
    save_png(render_task(task, preds, program), Path(args.out))
    print(f"wrote {args.out}")
    return 0


def cmd_bench_cellrules(args: argparse.Namespace) -> int:
    from arcsynth.reporting.bench import bench_cellrules
    from arcsynth.core.task import load_dataset
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


def cmd_bench_primitives(args: argparse.Namespace) -> int:
    from arcsynth.search import speed
    from arcsynth.core.task import load_dataset
    all_tasks = load_dataset(args.dataset)
    tasks = all_tasks[:: max(1, len(all_tasks) // args.tasks)][: args.tasks]  # a spread over the set
    table = speed.measure(tasks, args.seconds)
    if args.write:
        speed.write(table)
        print(f"wrote {speed.SPEED_PATH}")
    slow = sorted(table["mean_seconds"].items(), key=lambda kv: -kv[1])[:15]
    for k, v in slow:
        print(f"{k:28s} {1e6 * v:9.0f} us/application")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from arcsynth.reporting.stats import summarize
    p = Path(args.report)
    try:
        rep = json.loads(p.read_text())
    except (OSError, ValueError) as e:
        raise UsageError(f"{p}: cannot read report: {e}") from None
    from arcsynth.reporting.runner import report_problem
    problem = report_problem(rep)
    if problem:
        raise UsageError(f"{p}: not an eval report: {problem}")
    print(json.dumps(summarize(rep), indent=1))
    return 0

def cmd_compare(args: argparse.Namespace) -> int:
    from arcsynth.reporting.stats import compare
    reps = []
    for name in (args.base, args.new):
        p = Path(name)
        try:
            reps.append(json.loads(p.read_text()))
        except (OSError, json.JSONDecodeError) as e:
            raise UsageError(f"{p}: cannot read report: {e}") from None
    res = compare(*reps)
    if args.json:
        print(json.dumps(res, indent=1))
    else:
        print(f"{res['common_outputs']} test outputs in both; solved: base {res['base_solved']}, new {res['new_solved']}")
        print(f"gained ({len(res['gained'])}): " + " ".join(f"{k}[{res['gained_sources'][k]}]" for k in res["gained"]))
        print(f"lost ({len(res['lost'])}): " + " ".join(res["lost"]))
    return 0


# -------------------------------------------------------------------------------------------- repl
def cmd_repl(args: argparse.Namespace) -> int:
    from arcsynth.dsl.repl import Repl

    from arcsynth.core.task import find_task
    task = find_task(args.task)
    repl = Repl(task.id, [(p.input, p.output) for p in task.train], [(p.input, p.output) for p in task.test],
                solutions_dir=Path(args.solutions))
    repl.run()
    return 0


# -------------------------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    ap = _ArgumentParser(prog="arcsynth", description="Program synthesis for ARC grid puzzles.")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    dsl_p = sub.add_parser("dsl", help="inspect the DSL")
    dsl_sub = dsl_p.add_subparsers(dest="dsl_command", metavar="WHAT")
    lp = dsl_sub.add_parser("list", help="every primitive with signature, family and docstring")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(func=cmd_dsl_list)
    gp = dsl_sub.add_parser("grammar", help="regenerate grammars/program.lark from the registry")
    gp.add_argument("--check", action="store_true", help="only check that the committed grammar is in sync")
    gp.set_defaults(func=cmd_dsl_grammar)
    sp_ = dsl_sub.add_parser("sample", help="sample programs from the grammar; parse, type-check and run them")
    sp_.add_argument("--n", type=_positive(int, "--n"), default=2000)
    sp_.add_argument("--seed", type=int, default=11)
    sp_.add_argument("--max-depth", type=_positive(int, "--max-depth"), default=6)
    sp_.add_argument("--dataset", type=_dataset_name, default="arc1-training")
    sp_.set_defaults(func=cmd_dsl_sample)

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
    bpr = bsub.add_parser("primitives", help="time each primitive inside the enumerator (Levin cost table)")
    bpr.add_argument("--dataset", type=_dataset_name, default="arc1-training")
    bpr.add_argument("--tasks", type=_positive(int, "--tasks"), default=40)
    bpr.add_argument("--seconds", type=_positive(float, "--seconds"), default=2.0)
    bpr.add_argument("--write", action="store_true", help="write engine/data/primitive_speed.json")
    bpr.set_defaults(func=cmd_bench_primitives)
    bcr = bsub.add_parser("cellrules", help="how often the local cell rules fire and are right (engine/cellrule.py)")
    bcr.add_argument("--dataset", type=_dataset_name, default="arc1-training")
    bcr.add_argument("--exclude", type=_dataset_name, action="append",
                     help="leave out the tasks of this dataset too (e.g. arc2-training less ARC-AGI-1: "
                          "--exclude arc1-training --exclude arc1-evaluation)")
    bcr.add_argument("--json", action="store_true")
    bcr.set_defaults(func=cmd_bench_cellrules)

    sp = sub.add_parser("solve", help="solve tasks and write a Kaggle submission.json")
    sp.add_argument("task_file", nargs="?", help="one task JSON file")
    sp.add_argument("--dataset", type=_dataset_name)
    sp.add_argument("--data", help="directory of task JSON files")
    sp.add_argument("--task", nargs="+", help="only these task ids")
    sp.add_argument("--budget", type=_positive(float, "--budget"), default=10.0, help="wall seconds per task")
    sp.add_argument("--workers", type=_positive(int, "--workers"), default=1)
    sp.add_argument("--strategy", choices=["enum", "beam", "mcts", "auto"], default="auto")
    sp.add_argument("--out", default="submission.json")
    sp.add_argument("--no-llm", action="store_true", help="no LLM proposer (engine/proposer.py)")
    sp.add_argument("--model", help="proposer model: a Hugging Face model directory or .gguf file (default: the shipped one)")
    sp.set_defaults(func=cmd_solve)

    ep = sub.add_parser("eval", help="solve a dataset and score it (pass@2 per test output); writes report.json")
    ep.add_argument("--dataset", type=_dataset_name)
    ep.add_argument("--data", help="directory of task JSON files (with test outputs)")
    ep.add_argument("--task", nargs="+", help="only these task ids")
    ep.add_argument("--limit", type=_positive(int, "--limit"), help="first N tasks only")
    ep.add_argument("--sample", type=_positive(int, "--sample"), help="a fixed random sample of N tasks (see --sample-seed)")
    ep.add_argument("--sample-seed", type=int, default=0)
    ep.add_argument("--budget", type=_positive(float, "--budget"), default=10.0, help="wall seconds per task")
    ep.add_argument("--workers", type=_positive(int, "--workers"), default=1)
    ep.add_argument("--report", default="report.json")
    ep.add_argument("--html", help="also write a browsable HTML report")
    ep.add_argument("--strategy", choices=["enum", "beam", "mcts", "auto"], default="auto")
    ep.add_argument("--seed", type=int, default=0)
    ep.add_argument("--no-memory", action="store_true")
    ep.add_argument("--no-llm", action="store_true", help="no LLM proposer (engine/proposer.py)")
    ep.add_argument("--model", help="proposer model: a Hugging Face model directory or .gguf file (default: the shipped one)")
    ep.add_argument("--no-maxsat", action="store_true", help="no MaxSAT stage (completion, consensus)")
    ep.add_argument("--no-cellrules", action="store_true", help="no local cell rules (engine/cellrule.py)")
    ep.add_argument("--clock", choices=["wall", "work"], default="wall",
                    help="decide deadlines on wall seconds, or on work seconds (8,000 enumerated candidates each) so "
                         "that runs repeat exactly whatever the machine load (engine/clock.py)")
    ep.add_argument("--no-objectwise", action="store_true", help="no object-wise decomposition (engine/objectwise.py)")
    ep.add_argument("--no-inverse", action="store_true", help="no goal inversion of cheap final steps (engine/inverse.py)")
    ep.add_argument("--resume", action="store_true", help="continue an interrupted run from --report")
    ep.add_argument("--quiet", action="store_true", help="no progress line")
    ep.set_defaults(func=cmd_eval)

    rnd = sub.add_parser("render", help="draw a task with predictions and the found program as PNG")
    rnd.add_argument("task", help="task JSON file or task id")
    rnd.add_argument("--out", required=True)
    rnd.add_argument("--program", help="draw this program's predictions instead of solving")
    rnd.add_argument("--budget", type=_positive(float, "--budget"), default=10.0)
    rnd.add_argument("--no-solve", action="store_true", help="draw the task only")
    rnd.set_defaults(func=cmd_render)

    stp = sub.add_parser("stats", help="figures from a report.json: throughput, time to solution, sources, errors")
    stp.add_argument("report")
    stp.set_defaults(func=cmd_stats)

    cmp_ = sub.add_parser("compare", help="test outputs gained and lost between two report.json files (ablations)")
    cmp_.add_argument("base")
    cmp_.add_argument("new")
    cmp_.add_argument("--json", action="store_true")
    cmp_.set_defaults(func=cmd_compare)

    rp = sub.add_parser("repl", help="author a program for a task interactively")
    rp.add_argument("task", help="task JSON file or task id")
    rp.add_argument("--solutions", default=str(DEFAULT_SOLUTIONS), help="where :save writes (default: examples/solutions)")
    rp.set_defaults(func=cmd_repl)

    from arcsynth.cli.memory import add_parser as add_memory_parser
    add_memory_parser(sub, _dataset_name, _positive, str(DEFAULT_SOLUTIONS))
    from arcsynth.cli.proposer import add_parser as add_proposer_parser
    add_proposer_parser(sub, _positive)
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
    except (UsageError, TaskFormatError, DSLError, MemoryStoreError, ProposerError, RearcError) as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]  # e.g. a syntax error's context lines dropped
        print(f"arcsynth: error: {first}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("arcsynth: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:  # an unwritable output path, a full disk, ...
        print(f"arcsynth: error: {e.filename or ''}{': ' if e.filename else ''}{e.strerror or e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
