"""`arcsynth proposer data|train|eval`: build the proposer's training data, train the default model, measure it.

`eval` measures a model on the held-out source tasks (engine/proposer_data.held_out): their generated tasks,
and their reference solutions on the real train pairs (kind `reference`: real tasks the model never saw),
with the exemplar lines the data gave them when the model uses them (references of non-held-out tasks only, so
a held-out mutant is shown other tasks' programs, never its own reference):
validity (finished proposals that parse and type-check: must be 100%), the share of tasks for which the exact
program or an equivalent one (same outputs on every train and test input) is proposed, and tokens per second.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path
from typing import Callable, Iterator, Optional

DEFAULT_DATA = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "arcsynth" / "proposer" / "data.jsonl"


def cmd_data(args: argparse.Namespace) -> int:
    """Write the (task -> program) examples of arc1-training as JSON lines."""
    from arcsynth.lm_training.data import build_dataset
    counts = build_dataset(Path(args.data), args.seconds, args.per_task, args.workers, args.seed, args.limit,
                           progress=not args.quiet, per_reference=args.per_reference,
                           rearc_per_reference=args.rearc_per_reference, exemplars=args.exemplars)
    print(json.dumps({"data": str(args.data), **counts}))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Train the default proposer (building the data first when it is absent)."""
    from arcsynth.lm_training.data import build_dataset, read_examples
    from arcsynth.lm.proposer import PromptFormat, ProposerError
    from arcsynth.lm_training.train import TrainConfig, train
    size = {k: getattr(args, k) for k in ("hidden", "layers", "heads", "intermediate", "batch_tokens")
            if getattr(args, k) is not None}
    if size.get("hidden", TrainConfig.hidden) % size.get("heads", TrainConfig.heads):
        raise ProposerError("--hidden must be a multiple of --heads")
    if args.device != "cpu":
        import torch
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
        raise SystemExit(f"{data} was built with {max(lines)} exemplar lines per prompt, not --exemplars "
                         f"{args.exemplars}; pass --exemplars {max(lines)} or --rebuild-data")
    cfg = TrainConfig(minutes=args.minutes, seed=args.seed, threads=args.workers, device=args.device, **size)
    figures = train(examples, Path(args.out), cfg, PromptFormat(exemplars=args.exemplars),
                    log=(lambda s: None) if args.quiet else print)
    print(json.dumps({"model": str(args.out), **figures}))
    return 0


def iter_exemplar_lines(prompt: str) -> Iterator[str]:
    """The exemplar programs at the head of a prompt (`e PROGRAM` lines)."""
    for line in prompt.split("\n"):
        if not line.startswith("e "):
            return
        yield line[2:]


def evaluate_heldout(model: Optional[str], data: Path, tasks: int, n: int, seed: int = 0,
                     temperature: float = 0.7, fast: bool = True) -> dict:
    """Figures of a model on held-out generated tasks, per kind (see the module docstring)."""
    from arcsynth.dsl.errors import DSLError
    from arcsynth.dsl.grammar import parse
    from arcsynth.dsl.interpreter import Limits, run_program

    from arcsynth.lm.proposer import ProposerError, load_proposer
    from arcsynth.lm_training.data import held_out, read_examples
    from arcsynth.core.task import load_dataset
    import torch
    torch.set_num_threads(1)
    prop = load_proposer(model)
    prop.fast = fast  # False: decode through transformers' forward (to compare speeds; the proposals are the same)
    by_id = {t.id: t for t in load_dataset("arc1-training")}
    # Every example is rebuilt on its source task's real inputs (the program's outputs there), so the re-arc kinds,
    # whose prompts hold generated inputs, are left out: on the real inputs they are the reference or a mutant.
    pool = [e for e in read_examples(data)
            if not e.kind.startswith("rearc") and held_out(e.task) and e.task in by_id]
    if not pool:
        raise ProposerError(f"{data}: no held-out examples (build them with `arcsynth proposer data`)")
    rng = random.Random(seed)
    limits = Limits(max_seconds=0.5)

    def outputs(node, inputs):  # type: ignore[no-untyped-def]
        try:
            return [run_program(node, g, limits) for g in inputs]
        except DSLError:
            return None

    res: dict = {"model": model or "default", "proposals_per_task": n, "temperature": temperature,
                 "decoder": "fast" if fast else "transformers"}
    finished = valid = sampled = tokens = 0
    seconds = 0.0
    invalid: list[str] = []
    for kind in sorted({e.kind for e in pool}):
        of_kind = [e for e in pool if e.kind == kind]
        picked = rng.sample(of_kind, min(tasks, len(of_kind)))
        exact = equivalent = 0
        for k, ex in enumerate(picked):
            task = by_id[ex.task]
            target = parse(ex.program)
            inputs = [p.input for p in task.train] + [p.input for p in task.test]
            want = outputs(target, inputs)
            if want is None:
                continue
            nt = len(task.train)
            shown = list(iter_exemplar_lines(ex.prompt))  # the exemplar lines the data gave it
            props, st = prop.propose(list(zip(inputs[:nt], want[:nt])), n, temperature, seed=seed + k,
                                     exemplars=shown)
            sampled += st.sampled
            finished += st.finished
            valid += st.valid
            tokens += st.tokens
            seconds += st.seconds
            invalid += st.invalid
            if str(target) in {p.text for p in props}:
                exact += 1
                equivalent += 1
            elif any(outputs(p.node, inputs) == want for p in props):
                equivalent += 1
        m = max(1, len(picked))
        res[kind] = {"heldout_tasks": len(picked), "exact_share": round(exact / m, 4),
                     "equivalent_share": round(equivalent / m, 4)}
    res.update({"sampled": sampled, "finished": finished, "valid": valid,
                "validity": round(valid / finished, 4) if finished else None, "invalid_examples": invalid[:5],
                "tokens_per_s": round(tokens / seconds) if seconds else 0})
    return res


def cmd_eval(args: argparse.Namespace) -> int:
    """Validity, held-out hit shares and tokens per second of a model."""
    res = evaluate_heldout(args.model, Path(args.data), args.tasks, args.n, args.seed, args.temperature,
                           args.decoder == "fast")
    text = json.dumps(res, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")
    return 0 if res["validity"] in (None, 1.0) else 1


def add_parser(sub: argparse._SubParsersAction, positive: Callable[[type, str], Callable[[str], object]]) -> None:
    """Register `arcsynth proposer ...` on the main parser."""
    from arcsynth.lm.proposer import DEFAULT_MODEL_DIR
    from arcsynth.lm_training.train import TrainConfig
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
                   help="engine/fast_decode.py (default) or transformers' forward: same proposals, other speed")
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--out", help="also write the figures as JSON")
    e.set_defaults(func=cmd_eval)
