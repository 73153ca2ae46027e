"""Per-primitive run-time table for Levin-style costs: measured by `arcsynth bench primitives --write`,
shipped as engine/data/primitive_speed.json, so the enumeration order is the same on every machine."""
from __future__ import annotations

import functools
import json
import math
import time
from pathlib import Path

from arcsynth.core.paths import DATA_DIR
from arcsynth.dsl.registry import REGISTRY

SPEED_PATH = DATA_DIR / "primitive_speed.json"


@functools.lru_cache(maxsize=1)
def speed_table() -> dict[str, float]:
    """Mean seconds per application (over all inputs of a task) for each measured primitive."""
    try:
        data = json.loads(SPEED_PATH.read_text())
        return {k: float(v) for k, v in data.get("mean_seconds", {}).items()}
    except (OSError, ValueError):
        return {}


def levin_extra(max_extra: int) -> dict[str, int]:
    """Extra cost (nats) per primitive: log(mean time / median time), clipped to [0, max_extra]."""
    table = speed_table()
    if len(table) < 5:
        return {}
    typical = sorted(table.values())[len(table) // 2]
    return {k: min(max_extra, max(0, int(math.log(v / typical)))) for k, v in table.items() if v > 0}


def measure(tasks: list, seconds_per_task: float = 2.0) -> dict:
    """Run the enumerator (without speed costs) on tasks and record mean time per primitive application."""
    from arcsynth.core.context import SearchContext
    from arcsynth.search.enumerate import EnumConfig, Enumerator
    from arcsynth.core.score import Prior
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


def write(table: dict) -> None:
    SPEED_PATH.parent.mkdir(parents=True, exist_ok=True)
    SPEED_PATH.write_text(json.dumps(table, indent=1, sort_keys=True))
    speed_table.cache_clear()
