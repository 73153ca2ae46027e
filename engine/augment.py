"""Whole-task augmentation: solve a transformed copy of the task (e.g. transposed) and map the program back.

If P' maps t(input) to t(output) for a self-inverse grid transform t, then t(P'[I := t(I)]) maps input to
output. The mapped-back program is an ordinary DSL program, verified like any other.
"""
from __future__ import annotations

from dsl.interpreter import run_program
from dsl.program import INPUT, Call, Hole, Input, Lit, Node

from .task import Pair, Task

#: Self-inverse transforms the solver may try: name of a Grid -> Grid primitive.
TRANSFORMS = ("dmirror", "vmirror", "hmirror", "cmirror")


def substitute_input(node: Node, replacement: Node) -> Node:
    """The program with every `I` replaced by `replacement`."""
    if isinstance(node, Input):
        return replacement
    if isinstance(node, Call):
        return Call(node.prim, tuple(substitute_input(a, replacement) for a in node.args))
    assert isinstance(node, (Hole, Lit))
    return node


def transform_task(task: Task, t: str) -> Task:
    """The task with every grid passed through the transform t."""
    prog = f"{t}(I)"

    def tr(g):  # type: ignore[no-untyped-def]
        return None if g is None else run_program(prog, g)
    return Task(task.id, tuple(Pair(tr(p.input), tr(p.output)) for p in task.train),
                tuple(Pair(tr(p.input), tr(p.output)) for p in task.test))


def map_back(node: Node, t: str) -> Node:
    """t(P[I := t(I)]): the program for the original task from one found on the transformed task."""
    return Call(t, (substitute_input(node, Call(t, (INPUT,))),))
