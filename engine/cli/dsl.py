"""`arcsynth dsl list|grammar|sample`: the primitives, the generated grammar, and programs sampled from it."""
from __future__ import annotations

import argparse
import json
import random
import sys

from arcsynth.cli.common import dataset_name, positive
from arcsynth.core.task import load_dataset
from arcsynth.dsl import DSLError, check, grammar, parse, to_text
from arcsynth.dsl.interpreter import Limits, evaluate
from arcsynth.dsl.registry import by_family
from arcsynth.dsl.sampler import sample_programs


def run_list(args: argparse.Namespace) -> int:
    """Every primitive with its signature, family and docstring (or as JSON)."""
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


def run_grammar(args: argparse.Namespace) -> int:
    """Regenerate grammars/program.lark from the registry, or (--check) say whether it is in sync."""
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


def run_sample(args: argparse.Namespace) -> int:
    """Sample programs from the committed grammar; parse, type-check, round-trip and run each on real inputs."""
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


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dsl", help="inspect the DSL")
    dsl_sub = p.add_subparsers(dest="dsl_command", metavar="WHAT")
    lp = dsl_sub.add_parser("list", help="every primitive with signature, family and docstring")
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(func=run_list)
    gp = dsl_sub.add_parser("grammar", help="regenerate grammars/program.lark from the registry")
    gp.add_argument("--check", action="store_true", help="only check that the committed grammar is in sync")
    gp.set_defaults(func=run_grammar)
    sp = dsl_sub.add_parser("sample", help="sample programs from the grammar; parse, type-check and run them")
    sp.add_argument("--n", type=positive(int, "--n"), default=2000)
    sp.add_argument("--seed", type=int, default=11)
    sp.add_argument("--max-depth", type=positive(int, "--max-depth"), default=6)
    sp.add_argument("--dataset", type=dataset_name, default="arc1-training")
    sp.set_defaults(func=run_sample)


__all__ = ["add_parser"]
