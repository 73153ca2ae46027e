"""The stages of a solve, in order: the map of arcsynth.

A solve is a `SolveState` (engine/state.py) passed through these stages; each reads what the earlier ones left
and adds its part. Any stage may report a train-exact program to `state.answers` (and so end the solve early
once enough are in hand); the budget policy (engine/budget.py) gives each its time.

    perceive        the task's context (inputs, palette, predicted output shapes), memory's nearest solved
                    tasks, and the scoring prior: weights fitted to the reference solutions, biased by memory
    exemplars       the closest recalled programs tried on the task; their sub-expressions seed the search
    propose         programs sampled from the LLM under the grammar, tried; they seed and bias the search
    cellrules       output cells as learned functions of input-cell features (answers without a program)
    complete        MaxSAT completion of hidden cells under mined symmetries (answers without a program)
    search          bottom-up enumeration (or beam, MCTS) with its hooks; transformed copies of the task
                    when nothing fits
    late_exemplars  the recalled programs not tried yet, and colour variants of them
    remember        the best program that fits every train pair goes into memory
    consensus       MaxSAT vote of the search's near misses, when fewer answers than attempts exist
    decide          answers ranked by posterior (cell rules and MaxSAT grids after the best program);
                    two distinct predictions per test input

`run` is the whole loop: the Solver (engine/solver.py) builds the state and calls it.
"""
from __future__ import annotations

from arcsynth.cellrules.stage import CellRules
from arcsynth.decide import Decide
from arcsynth.lm.stage import Propose
from arcsynth.memory_glue.stage import Exemplars, LateExemplars, Remember
from arcsynth.perceive import Perceive
from arcsynth.sat.stage import Complete, Consensus
from arcsynth.search.stage import Search
from arcsynth.state import SolveState, Stage

STAGES: tuple[Stage, ...] = (
    Perceive(),
    Exemplars(),
    Propose(),
    CellRules(),
    Complete(),
    Search(),
    LateExemplars(),
    Remember(),
    Consensus(),
    Decide(),
)


def run(state: SolveState, stages: tuple[Stage, ...] = STAGES) -> SolveState:
    """Pass one solve through the stages that its config enables, in order."""
    for stage in stages:
        if stage.enabled(state.config):
            stage.run(state)
    return state


__all__ = ["STAGES", "run", "SolveState", "Stage"]
