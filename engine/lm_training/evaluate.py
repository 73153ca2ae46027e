"""Measuring a proposer model on the held-out source tasks (lm_training/data.py `held_out`): their generated tasks,
and their reference solutions on the real train pairs (kind `reference`: real tasks the model never saw), with the
exemplar lines the data gave them when the model uses them (references of non-held-out tasks only, so a held-out
mutant is shown other tasks' programs, never its own reference): validity (finished proposals that parse and
type-check: must be 100%), the share of tasks for which the exact program or an equivalent one (same outputs on
every train and test input) is proposed, and tokens per second. `arcsynth proposer eval` prints them."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Iterator, Optional

from arcsynth.core.task import load_dataset
from arcsynth.dsl.errors import DSLError
from arcsynth.dsl.grammar import parse
from arcsynth.dsl.interpreter import Limits, run_program
from arcsynth.lm.proposer import ProposerError, load_proposer
from arcsynth.lm_training.data import held_out, read_examples


def iter_exemplar_lines(prompt: str) -> Iterator[str]:
    """The exemplar programs at the head of a prompt (`e PROGRAM` lines)."""
    for line in prompt.split("\n"):
        if not line.startswith("e "):
            return
        yield line[2:]


def evaluate_heldout(model: Optional[str], data: Path, tasks: int, n: int, seed: int = 0,
                     temperature: float = 0.7, fast: bool = True) -> dict:
    """Figures of a model on held-out generated tasks, per kind (see the module docstring)."""
    import torch  # heavy (seconds): loaded only when a model is used
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


__all__ = ["evaluate_heldout", "iter_exemplar_lines"]
