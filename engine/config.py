"""How a solve is configured: the run-wide settings, then one small config per stage of the pipeline.

Each stage config has `enabled` and, where the stage takes time out of the task's budget, its `share`; how shares
become deadlines is engine/budget.py. Every field has a default, so `SolverConfig()` is the configuration the
project measures; `SolverConfig(budget=5).disable("memory", "propose")` switches stages off. A report.json stores
`as_dict()` of the config it was made with.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Optional

from arcsynth.core.clock import CLOCKS
from arcsynth.memory.recall import RecallConfig
from arcsynth.search.enumerate import EnumConfig

STRATEGIES = ("enum", "beam", "mcts", "auto")


@dataclass
class PriorConfig:
    """The scoring prior (perceive stage): a probabilistic grammar over the primitives."""

    fitted: bool = True                  # weights fitted to the reference solutions (leave-one-out)
    weights: dict[str, float] = field(default_factory=dict)  # overrides, applied last


@dataclass
class MemoryConfig:
    """The memory of solved tasks: the prior bias (perceive), exemplar trials (exemplars, late_exemplars), seeds for
    the enumerator, and remembering what a solve finds (remember)."""

    enabled: bool = True
    dir: Optional[str] = None            # store directory (None: $ARCSYNTH_MEMORY_DIR or ~/.cache/arcsynth/memory)
    recall: RecallConfig = field(default_factory=RecallConfig)
    bias: float = 2.0                    # weight(p) *= max(1, (recalled freq + s) / (store freq + s)) ** bias
    bias_smoothing: float = 0.1          # s above
    share: float = 0.1                   # most of the budget each phase of exemplar trials may take
    exemplars: int = 24                  # recalled programs tried as they are ...
    exemplars_first: int = 4             # ... the most similar of them before the search
    defer_after: int = 2000              # the rest (and colour variants) once the enumerator has tried this many
    colour_variants: int = 8             # adapted variants (other colour constants) per exemplar ...
    variant_exemplars: int = 8           # ... for this many of the exemplars (the most similar of right shape)
    seed_subexpressions: bool = True     # exemplars' sub-expressions enter the enumerator cheaply
    seed_discount: float = 0.5           # their cost = discount x their prior cost ...
    seed_floor: int = 6                  # ... but not below this (nor above their own cost)
    seed_from: int = 4                   # seeds come from this many most similar exemplars
    seed_depth: int = 2                  # closed sub-expressions at most this deep below the root (`_` bodies: any)
    max_seeds: int = 24
    remember: bool = True                # add every task solved on all train pairs


@dataclass
class ProposeConfig:
    """The grammar-constrained LLM proposer (propose stage), when a model is present."""

    enabled: bool = True
    model: Optional[str] = None          # Hugging Face model directory or .gguf file; None: the shipped default
    share: float = 0.1                   # most of the task's budget sampling (and trying the proposals) may take
    proposals: int = 96                  # most sequences sampled per task, in batches while its share of time lasts
    batch: int = 24                      # rows sampled together
    temperature: float = 0.7             # below 1: the held-out hit share was higher at 0.7 than at 0.5 or 1.0
    max_new_tokens: int = 72             # a sequence still unfinished after this many tokens is dropped
    seed_proposals: int = 6              # sub-expressions of this many most likely distinct proposals are seeded
    bias: float = 1.0                    # search prior weight(p) *= (1 + share of proposals using p) ** bias
    threads: int = 1                     # torch threads inside a solver (one per worker process)


@dataclass
class CellRulesConfig:
    """Local cell rules learned from the train pairs (cellrules stage); milliseconds, so no share."""

    enabled: bool = True


@dataclass
class MaxSATConfig:
    """The MaxSAT stages: completion before the search, consensus of near misses after it."""

    enabled: bool = True
    share: float = 0.25                  # most of the budget the completion pass may take
    reserve_share: float = 0.02          # share kept after the search for the consensus pass ...
    max_reserve: float = 1.0             # ... but at most this many seconds


@dataclass
class SearchConfig:
    """The program search (search stage) and its hooks."""

    strategy: str = "auto"               # enum | beam | mcts | auto (= enum, which measures best)
    enum: EnumConfig = field(default_factory=EnumConfig)
    max_solutions: int = 8               # train-exact programs to collect before stopping early ...
    stop_share: float = 0.5              # ... or `attempts` of them once this share of the search time is spent
    colour_maps: bool = True             # complete candidates that match up to a consistent colour map
    templates: bool = True               # try each new Indices/Obj/Objs value inside top-level templates
    combine_pairs: bool = True           # combine output-shaped Grid values with binary Grid combinators
    inverse: bool = True                 # look up each new Grid value among the preimages of cheap final steps
    objectwise: bool = True              # decompose object-recolouring tasks into lambdas over objects
    augment: tuple[str, ...] = ("colours", "dmirror")  # transforms searched when nothing is found in time
    augment_share: float = 0.3           # share of the budget kept for them


#: The stage configs `SolverConfig.disable` knows, by name.
STAGE_CONFIGS = ("memory", "propose", "cellrules", "maxsat")


@dataclass
class SolverConfig:
    """Everything a solve depends on; with the same config and task a solve on the work clock is deterministic."""

    budget: float = 10.0                 # seconds per task, on `clock`
    clock: str = "wall"                  # the clock deadlines are decided on: wall or work (engine/core/clock.py)
    seed: int = 0
    attempts: int = 2                    # predictions per test input
    prior: PriorConfig = field(default_factory=PriorConfig)
    memory: MemoryConfig = field(default_factory=MemoryConfig)
    propose: ProposeConfig = field(default_factory=ProposeConfig)
    cellrules: CellRulesConfig = field(default_factory=CellRulesConfig)
    maxsat: MaxSATConfig = field(default_factory=MaxSATConfig)
    search: SearchConfig = field(default_factory=SearchConfig)

    def __post_init__(self) -> None:
        if self.search.strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {self.search.strategy!r}; choose one of {', '.join(STRATEGIES)}")
        if self.clock not in CLOCKS:
            raise ValueError(f"unknown clock {self.clock!r}; choose one of {', '.join(CLOCKS)}")

    def disable(self, *stages: str) -> "SolverConfig":
        """A copy with these stages switched off (names: memory, propose, cellrules, maxsat)."""
        changes = {}
        for name in stages:
            if name not in STAGE_CONFIGS:
                raise ValueError(f"unknown stage config {name!r}; choose from {', '.join(STAGE_CONFIGS)}")
            changes[name] = dataclasses.replace(getattr(self, name), enabled=False)
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict:
        """Every setting, nested as here, in JSON types (tuples become lists)."""
        return _jsonable(dataclasses.asdict(self))


def _jsonable(v: object) -> object:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    return v


__all__ = ["SolverConfig", "PriorConfig", "MemoryConfig", "ProposeConfig", "CellRulesConfig", "MaxSATConfig",
           "SearchConfig", "EnumConfig", "RecallConfig", "STRATEGIES", "STAGE_CONFIGS"]
