"""How near the proposer's programs come to real solutions it never saw, and what sampling costs: for every held-out
arc1-training task with a reference solution (the proposer trains on none of them), sample N proposals as the solver
does and find the smallest edit that turns one of them into the reference, where an edit replaces one subtree
(0: a proposal is the reference; the size of the replacement subtree otherwise; the whole reference's size when
no proposal shares its structure). A search around proposals (fill one hole of a proposal with an enumerated
expression) can only reach references at a small distance; the enumerator alone reaches programs of their size.
Also the sampling time per task and tokens per second (so --model can compare a larger model's cost).

Usage: python3 benchmarks/proposer_nearness.py [--model PATH] [--n 48] [--temperature 0.7] [--threads 2]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Optional

from arcsynth.dsl.program import Call, Node, size  # noqa: E402


def edit_size(proposal: Node, reference: Node) -> Optional[int]:
    """None when the trees are equal; else the size of the reference subtree that one replacement in `proposal`
    must put in (the whole reference when their roots differ); -1 when they differ in more than one place."""
    if proposal == reference:
        return None
    if isinstance(proposal, Call) and isinstance(reference, Call) and proposal.prim == reference.prim \
            and len(proposal.args) == len(reference.args):
        diffs = [(a, b) for a, b in zip(proposal.args, reference.args) if a != b]
        return edit_size(*diffs[0]) if len(diffs) == 1 else -1
    return size(reference)


def nearest(proposals: list[Node], reference: Node) -> int:
    """The smallest one-subtree edit from any proposal to the reference (0: proposed exactly)."""
    best = size(reference)
    for p in proposals:
        d = edit_size(p, reference)
        if d is None:
            return 0
        if d >= 0:
            best = min(best, d)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", help="proposer model directory or .gguf file (default: the shipped one)")
    ap.add_argument("--n", type=int, default=48, help="sequences sampled per task")
    ap.add_argument("--batch", type=int, default=24)
    ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, help="first N held-out references only")
    ap.add_argument("--out", help="also write per-task results as JSON")
    args = ap.parse_args()
    import torch

    from arcsynth.lm.proposer import load_proposer
    from arcsynth.lm_training.data import held_out_references
    torch.set_num_threads(args.threads)
    found = held_out_references()[: args.limit]
    prop = load_proposer(args.model)
    rows = []
    for t, ref in found:
        props, st = prop.propose([(p.input, p.output) for p in t.train], args.n, args.temperature, 72, seed=0,
                                 batch=args.batch)
        rows.append({"id": t.id, "reference_size": size(ref), "distance": nearest([p.node for p in props], ref),
                     "distinct": st.distinct, "seconds": round(st.seconds, 3), "tokens": st.tokens})
    closer = [r for r in rows if r["distance"] < r["reference_size"]]
    secs = sum(r["seconds"] for r in rows)
    summary = {"references": len(rows), "proposals_per_task": args.n, "temperature": args.temperature,
               "proposed_exactly": sum(r["distance"] == 0 for r in rows),
               "one_edit_of_size_le_3_away": [f"{r['id']} (size {r['reference_size']}, edit {r['distance']})"
                                              for r in closer if 0 < r["distance"] <= 3],
               "sharing_structure": len(closer),
               "median_reference_size": statistics.median(r["reference_size"] for r in rows) if rows else 0,
               "median_seconds_per_task": statistics.median(r["seconds"] for r in rows) if rows else 0,
               "tokens_per_s": round(sum(r["tokens"] for r in rows) / secs) if secs else 0}
    print(json.dumps(summary, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps({"summary": summary, "tasks": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
