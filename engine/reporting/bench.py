"""Benchmarks that are commands, not timed unit tests: `arcsynth bench dsl|primitives|cellrules`."""
from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass

from arcsynth.cellrules.induce import induce
from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior
from arcsynth.core.task import Task
from arcsynth.dsl import DSLError, Limits, parse
from arcsynth.dsl.interpreter import evaluate
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.sampler import sample_programs
from arcsynth.search.enumerate import EnumConfig, Enumerator


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


@dataclass
class CellRuleBench:
    tasks: int
    fired: int                      # tasks where some rule passed leave-one-out and covered every test cell
    correct: int                    # of those, tasks whose every test output is among the rules' predictions
    wrong: list[str]                # ids of fired tasks with some test output not predicted
    by_rule: dict[str, int]         # first accepted rule (its keys) -> tasks
    median_ms: float
    max_ms: float
    correct_ids: list[str]


def bench_cellrules(tasks: list[Task], seconds: float = 5.0, k: int = 2) -> CellRuleBench:
    """Run the cell-rule induction (engine/cellrules/) on every task and score its predictions against the known
    test outputs, pass@k: how often it fires, how often it is right when it does, and its time per task."""
    fired = correct = 0
    wrong: list[str] = []
    ok_ids: list[str] = []
    by_rule: dict[str, int] = {}
    times: list[float] = []
    for t in tasks:
        t0 = time.perf_counter()
        found, _ = induce([(p.input, p.output) for p in t.train], [p.input for p in t.test], time.monotonic() + seconds, k)
        times.append(time.perf_counter() - t0)
        if not found:
            continue
        fired += 1
        name = found[0][0].rsplit(" (", 1)[0].removeprefix("cellrule: ")
        by_rule[name] = by_rule.get(name, 0) + 1
        if all(p.output is not None and any(preds[i] == p.output for _, preds in found) for i, p in enumerate(t.test)):
            correct += 1
            ok_ids.append(t.id)
        else:
            wrong.append(t.id)
    return CellRuleBench(len(tasks), fired, correct, wrong, dict(sorted(by_rule.items(), key=lambda kv: -kv[1])),
                         round(statistics.median(times) * 1e3, 2) if times else 0.0,
                         round(max(times) * 1e3, 2) if times else 0.0, ok_ids)


def measure_primitives(tasks: list[Task], seconds_per_task: float = 2.0) -> dict:
    """Run the enumerator (without speed costs) on tasks and record mean time per primitive application."""
    total: dict[str, float] = {}
    count: dict[str, int] = {}
    for t in tasks:
        ctx = SearchContext.from_task(t)
        en = Enumerator(ctx, Prior(), EnumConfig(levin=False))
        en.run(time.monotonic() + seconds_per_task, lambda e: False)
        for k, v in en.time_sum.items():
            total[k] = total.get(k, 0.0) + v
            count[k] = count.get(k, 0) + en.time_n[k]
    means = {k: total[k] / count[k] for k in sorted(total) if count[k] >= 3}
    return {"tasks": len(tasks), "seconds_per_task": seconds_per_task, "registry_size": len(REGISTRY),
            "mean_seconds": means, "applications": {k: count[k] for k in sorted(count)}}
