"""Benchmarks that are commands, not timed unit tests: `arcsynth bench dsl`."""
from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass

from dsl import DSLError, Limits, parse
from dsl.interpreter import evaluate
from dsl.sampler import sample_programs

from .task import Task


@dataclass
class DslBench:
    programs: int
    evaluations: int
    failures: int
    seconds: float
    evals_per_second: float
    median_us: float
    p90_us: float


def bench_dsl(tasks: list[Task], n_programs: int = 2000, seed: int = 0, max_depth: int = 5,
              repeats: int = 3) -> DslBench:
    """Evaluate n random grammar-sampled programs on real ARC train inputs; report evaluations per second.

    Each program runs on the train inputs of one random task. Failures (DSLError) count as evaluations,
    as they do in search. The best of `repeats` passes is reported (the machine is shared and noisy).
    """
    rng = random.Random(seed)
    texts = sample_programs(n_programs, seed=seed, max_depth=max_depth)
    nodes = [parse(t) for t in texts]
    work = [(n, rng.choice(tasks)) for n in nodes]
    limits = Limits(max_seconds=1.0)
    best = None
    for _ in range(repeats):
        per_eval: list[float] = []
        fails = 0
        t0 = time.perf_counter()
        for node, task in work:
            for p in task.train:
                s = time.perf_counter()
                try:
                    evaluate(node, p.input, limits)
                except DSLError:
                    fails += 1
                per_eval.append(time.perf_counter() - s)
        dt = time.perf_counter() - t0
        res = DslBench(len(work), len(per_eval), fails, dt, len(per_eval) / dt,
                       statistics.median(per_eval) * 1e6, statistics.quantiles(per_eval, n=10)[-1] * 1e6)
        if best is None or res.evals_per_second > best.evals_per_second:
            best = res
    assert best is not None
    return best
