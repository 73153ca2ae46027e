"""What the stages of one solve hand each other (`SolveState`), and the interface every stage has (`Stage`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Protocol

from arcsynth.budget import Budget
from arcsynth.config import SolverConfig
from arcsynth.core.candidates import Answers, Candidate
from arcsynth.core.clock import Clock
from arcsynth.core.context import SearchContext
from arcsynth.core.score import Prior
from arcsynth.core.task import Task
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.program import Node
from arcsynth.dsl.types import DType
from arcsynth.memory.recall import Recall
from arcsynth.sat.maxsat import SatSession
from arcsynth.search.enumerate import Expr
from arcsynth.search.trials import ProgramTrials


@dataclass
class Loaded:
    """What a Solver loads once per process and every solve shares (read-only): the proposer model, or why not."""

    proposer: Optional[object] = None
    proposer_error: str = ""


@dataclass
class SolveState:
    """One solve: its inputs, its clock and budget, and what each stage leaves for the later ones."""

    task: Task
    config: SolverConfig
    loaded: Loaded
    clock: Clock
    budget: Budget
    started: float                                   # time.monotonic() at the start (reported times are wall time)
    trace: dict = field(default_factory=dict)
    # perceive
    ctx: Optional[SearchContext] = None              # inputs, outputs, palette, predicted output shapes
    recall: Optional[Recall] = None                  # memory's nearest solved tasks (None when memory is off or empty)
    prior: Optional[Prior] = None                    # the scoring prior (fitted weights, memory's bias, overrides)
    search_prior: Optional[Prior] = None             # the prior the searches run under (propose may bias it)
    answers: Optional[Answers] = None                # train-exact programs reported by any stage
    # exemplars, propose -> search, late_exemplars
    seeds: list[tuple[Node, DType]] = field(default_factory=list)   # sub-expressions the enumerator takes cheaply
    trials: Optional[ProgramTrials] = None           # memory's exemplar trials, the later phase still pending
    lambda_cache: dict = field(default_factory=dict)  # lambda bodies per (function type, palette), for every search
    # cellrules, complete -> consensus -> decide
    grid_answers: list[tuple[str, list[tuple[str, tuple[Grid, ...]]]]] = field(default_factory=list)  # (source, answers)
    sat: Optional[SatSession] = None                # the MaxSAT stage's state between completion and consensus
    near_misses: list[tuple[float, Expr]] = field(default_factory=list)  # the main search's closest Grid values
    # decide
    candidates: list[Candidate] = field(default_factory=list)
    attempts: list[list[Grid]] = field(default_factory=list)


class Stage(Protocol):
    """One step of a solve: it reads what earlier stages left in the state and adds its own part."""

    name: str

    def enabled(self, config: SolverConfig) -> bool:
        """Whether this stage runs under the config."""

    def run(self, state: SolveState) -> None:
        """Do the stage's work on one solve."""


__all__ = ["SolveState", "Stage", "Loaded"]
