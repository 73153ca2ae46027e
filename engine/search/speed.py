"""Per-primitive run-time table for Levin-style costs: measured by `arcsynth bench primitives --write`,
shipped as engine/data/primitive_speed.json, so the enumeration order is the same on every machine."""
from __future__ import annotations

import functools
import json
import math

from arcsynth.core.paths import DATA_DIR

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


def write(table: dict) -> None:
    """Ship a measured table (see reporting/bench.py `measure_primitives`) as the speed table."""
    SPEED_PATH.parent.mkdir(parents=True, exist_ok=True)
    SPEED_PATH.write_text(json.dumps(table, indent=1, sort_keys=True))
    speed_table.cache_clear()
