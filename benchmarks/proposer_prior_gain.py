"""How much the proposer's prior bias helps real solutions: for every held-out arc1-training task with a reference
solution, sample 24 proposals (as the solver does), raise each primitive's weight by (1 + share of proposals using
it) ** bias, and report the change of the reference program's log prior (nats; > 0: the search reaches it sooner).

Usage: python3 benchmarks/proposer_prior_gain.py [--model PATH] [--bias 1 3 6]
"""
from __future__ import annotations

import argparse
import statistics
from collections import Counter


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", help="proposer model (default: the shipped one)")
    ap.add_argument("--bias", type=float, nargs="+", default=[1.0, 3.0, 6.0])
    ap.add_argument("--n", type=int, default=24, help="proposals per task")
    args = ap.parse_args()
    import torch

    from arcsynth.core.score import Prior
    from arcsynth.dsl.program import primitives_used
    from arcsynth.lm.proposer import load_proposer
    from arcsynth.lm_training.data import held_out_references
    from arcsynth.search.prior import default_fitted
    torch.set_num_threads(2)
    found = held_out_references()
    prop = load_proposer(args.model)
    fitted = default_fitted()
    gains: dict[float, list[float]] = {b: [] for b in args.bias}
    for t, ref in found:
        prior = Prior(fitted.weights(exclude=t.id))
        props, _st = prop.propose([(p.input, p.output) for p in t.train], args.n, 1.0, 72, seed=0)
        if not props:
            continue
        freq = Counter(name for p in props for name in set(primitives_used(p.node)))
        base = prior.log_prior(ref)
        for b in gains:
            boost = {n: prior.weight(n) * (1 + c / len(props)) ** b for n, c in freq.items()}
            gains[b].append(prior.with_weights(boost).log_prior(ref) - base)
    print(f"{len(found)} held-out reference solutions")
    for b, d in gains.items():
        d.sort()
        print(f"bias {b:g}: reference log-prior gain median {statistics.median(d):.2f} nats, mean {statistics.mean(d):.2f},"
              f" improved for {sum(x > 0 for x in d)}/{len(d)}, p10 {d[len(d) // 10]:.2f}, p90 {d[9 * len(d) // 10]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
