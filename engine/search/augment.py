"""Whole-task augmentation: solve a transformed copy of the task (e.g. transposed) and map the program back.

If P' maps t(input) to t(output) for a self-inverse grid transform t, then t(P'[I := t(I)]) maps input to
output. The mapped-back program is an ordinary DSL program, verified like any other.
"""
from __future__ import annotations

from typing import Optional

from arcsynth.core.task import Pair, Task
from arcsynth.dsl.grid import Grid
from arcsynth.dsl.interpreter import run_program
from arcsynth.dsl.primitives.higher import normal_colour_map
from arcsynth.dsl.program import HOLE, INPUT, Call, Hole, Input, Lit, Node, uses_hole

#: Self-inverse transforms the solver may try: name of a Grid -> Grid primitive.
TRANSFORMS = ("dmirror", "vmirror", "hmirror", "cmirror")
#: Colour normalisation: each pair renamed by its input's colour frequencies (see in_normal_colours).
COLOURS = "colours"


def substitute_input(node: Node, replacement: Node) -> Node:
    """The program with every `I` replaced by `replacement`."""
    if isinstance(node, Input):
        return replacement
    if isinstance(node, Call):
        return Call(node.prim, tuple(substitute_input(a, replacement) for a in node.args))
    assert isinstance(node, (Hole, Lit))
    return node


def transform_task(task: Task, t: str) -> Task:
    """The task with every grid passed through the transform t (for "colours": each pair renamed by the
    colour permutation of its input)."""
    if t == COLOURS:
        def pair(p: Pair) -> Pair:
            perm = normal_colour_map(p.input.a)
            return Pair(Grid(perm[p.input.a]), None if p.output is None else Grid(perm[p.output.a]))
        return Task(task.id, tuple(pair(p) for p in task.train), tuple(pair(p) for p in task.test))
    prog = f"{t}(I)"

    def tr(g):  # type: ignore[no-untyped-def]
        return None if g is None else run_program(prog, g)
    return Task(task.id, tuple(Pair(tr(p.input), tr(p.output)) for p in task.train),
                tuple(Pair(tr(p.input), tr(p.output)) for p in task.test))


def map_back(node: Node, t: str) -> Optional[Node]:
    """The program for the original task from one found on the transformed task: t(P[I := t(I)]) for a
    self-inverse t; in_normal_colours(I, P[I := _]) for colour normalisation (None if P has lambdas of its own)."""
    if t == COLOURS:
        if uses_hole(node):
            return None
        return Call("in_normal_colours", (INPUT, substitute_input(node, HOLE)))
    return Call(t, (substitute_input(node, Call(t, (INPUT,))),))
