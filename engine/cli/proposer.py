"""`arcsynth proposer data|train|eval`: build the proposer's training data (engine/lm_training/data.py), train the
default model (engine/lm_training/train.py), measure it (engine/lm_training/evaluate.py)."""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from arcsynth.cli.common import positive
from arcsynth.lm.proposer import DEFAULT_MODEL_DIR, PromptFormat, ProposerError
from arcsynth.lm_training.data import build_dataset, read_examples
from arcsynth.lm_training.evaluate import evaluate_heldout, iter_exemplar_lines
from arcsynth.lm_training.train import TrainConfig, train

DEFAULT_DATA = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "arcsynth" / "proposer" / "data.jsonl"


def cmd_data(args: argparse.Namespace) -> int:
    """Write the (task -> program) examples of arc1-training as JSON lines."""
    counts = build_dataset(Path(args.data), args.seconds, args.per_task, args.workers, args.seed, args.limit,
                           progress=not args.quiet, per_reference=args.per_reference,
                           rearc_per_reference=args.rearc_per_reference, exemplars=args.exemplars)
    print(json.dumps({"data": str(args.data), **counts}))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Train the default proposer (building the data first when it is absent)."""
    size = {k: getattr(args, k) for k in ("hidden", "layers", "heads", "intermediate", "batch_tokens")
            if getattr(args, k) is not None}
    if size.get("hidden", TrainConfig.hidden) % size.get("heads", TrainConfig.heads):
        raise ProposerError("--hidden must be a multiple of --heads")
    if args.device != "cpu":
        import torch  # heavy (seconds): loaded only when a model is used
        try:
            torch.empty(1, device=args.device)
        except (RuntimeError, AssertionError) as e:
            raise ProposerError(f"--device {args.device} is not usable here: {e}") from None
    data = Path(args.data)
    if not data.exists() or args.rebuild_data:
        t0 = time.monotonic()
        counts = build_dataset(data, args.seconds, args.per_task, args.workers, args.seed, args.limit,
                               progress=not args.quiet, per_reference=args.per_reference,
                               rearc_per_reference=args.rearc_per_reference,
                               exemplars=args.exemplars)
        print(json.dumps({"data": str(data), **counts, "seconds": round(time.monotonic() - t0)}))
    examples = list(read_examples(data))
    lines = [sum(1 for _ in iter_exemplar_lines(e.prompt)) for e in examples[:200]]
    if lines and max(lines) != args.exemplars:
        raise ProposerError(f"{data} was built with {max(lines)} exemplar lines per prompt, not --exemplars "
                            f"{args.exemplars}; pass --exemplars {max(lines)} or --rebuild-data")
    cfg = TrainConfig(minutes=args.minutes, seed=args.seed, threads=args.workers, device=args.device, **size)
    figures = train(examples, Path(args.out), cfg, PromptFormat(exemplars=args.exemplars),
                    log=(lambda s: None) if args.quiet else print)
    print(json.dumps({"model": str(args.out), **figures}))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Validity, held-out hit shares and tokens per second of a model."""
    res = evaluate_heldout(args.model, Path(args.data), args.tasks, args.n, args.seed, args.temperature,
                           args.decoder == "fast")
    text = json.dumps(res, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")
    return 0 if res["validity"] in (None, 1.0) else 1


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `arcsynth proposer ...` on the main parser."""
    pp = sub.add_parser("proposer", help="the grammar-constrained LLM proposer: data, train, eval")
    psub = pp.add_subparsers(dest="proposer_command", metavar="WHAT")

    def data_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", default=str(DEFAULT_DATA), help=f"examples file (default {DEFAULT_DATA})")
        p.add_argument("--seconds", type=positive(float, "--seconds"), default=1.0,
                       help="enumerator seconds per source task")
        p.add_argument("--per-task", type=positive(int, "--per-task"), default=120,
                       help="generated tasks kept per source task")
        p.add_argument("--per-reference", type=positive(int, "--per-reference"), default=40,
                       help="mutants kept per reference solution")
        p.add_argument("--rearc-per-reference", type=positive(int, "--rearc-per-reference"), default=30,
                       help="re-arc tasks per reference solution (needs reasoning-gym; default 30)")
        p.add_argument("--exemplars", type=int, default=0, choices=range(0, 5), metavar="K",
                       help="exemplar programs before each prompt (0-4; the model then expects memory's exemplars)")
        p.add_argument("--workers", type=positive(int, "--workers"), default=2)
        p.add_argument("--limit", type=positive(int, "--limit"), help="first N source tasks only")
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--quiet", action="store_true")

    d = psub.add_parser("data", help="write (task -> program) examples from arc1-training")
    data_opts(d)
    d.set_defaults(func=cmd_data)

    t = psub.add_parser("train", help="train the default proposer from scratch (data built first when absent)")
    data_opts(t)
    t.add_argument("--minutes", type=positive(float, "--minutes"), default=35.0, help="training wall-clock cap")
    t.add_argument("--out", default=str(DEFAULT_MODEL_DIR), help="model directory (default: the shipped one)")
    t.add_argument("--rebuild-data", action="store_true")
    t.add_argument("--device", default="cpu", help="torch device to train on, e.g. cuda (default cpu)")
    for flag, what in (("hidden", "model hidden size"), ("layers", "transformer layers"),
                       ("heads", "attention heads"), ("intermediate", "MLP size"),
                       ("batch-tokens", "padded tokens per optimiser step")):
        t.add_argument(f"--{flag}", type=positive(int, f"--{flag}"),
                       help=f"{what} (default {getattr(TrainConfig, flag.replace('-', '_'))})")
    t.set_defaults(func=cmd_train)

    e = psub.add_parser("eval", help="validity, held-out hit share and tokens/s of a model")
    e.add_argument("--model", help="model directory or .gguf file (default: the shipped model)")
    e.add_argument("--data", default=str(DEFAULT_DATA))
    e.add_argument("--tasks", type=positive(int, "--tasks"), default=100, help="held-out generated tasks per kind")
    e.add_argument("--n", type=positive(int, "--n"), default=24, help="proposals sampled per task")
    e.add_argument("--temperature", type=positive(float, "--temperature"), default=0.7,
                   help="sampling temperature (default 0.7, the solver's)")
    e.add_argument("--decoder", choices=("fast", "transformers"), default="fast",
                   help="engine/lm/fast_decode.py (default) or transformers' forward: same proposals, other speed")
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--out", help="also write the figures as JSON")
    e.set_defaults(func=cmd_eval)


__all__ = ["add_parser", "DEFAULT_DATA"]
