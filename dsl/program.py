"""Program syntax trees and their one canonical text form.

A program is an expression of type Grid over the input grid `I`. Function-typed arguments (for map,
filter, argmax, ...) are written as expressions that use `_` for their argument, so composition, fork
and partial application need no extra syntax: `mapply(objects(I, true, false, true), recolor(_, 2))`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Union

from .types import BOOL, COLOUR, INT, POINT, BaseType


@dataclass(frozen=True, slots=True)
class Input:
    """The task's input grid, written `I`."""

    def __str__(self) -> str:
        return "I"


@dataclass(frozen=True, slots=True)
class Hole:
    """The argument of the innermost enclosing function-typed slot, written `_`."""

    def __str__(self) -> str:
        return "_"


@dataclass(frozen=True, slots=True)
class Lit:
    """A literal: Int, Colour, Bool or Point."""

    value: object
    type: BaseType

    def __str__(self) -> str:
        return format_literal(self.value, self.type)


@dataclass(frozen=True, slots=True)
class Call:
    """A primitive applied to arguments."""

    prim: str
    args: tuple["Node", ...]

    def __str__(self) -> str:
        return f"{self.prim}({', '.join(str(a) for a in self.args)})"


Node = Union[Input, Hole, Lit, Call]

INPUT = Input()
HOLE = Hole()


def format_literal(value: object, t: BaseType) -> str:
    """Canonical text of a literal value of type t."""
    if t == BOOL:
        return "true" if value else "false"
    if t in (INT, COLOUR):
        return str(int(value))  # type: ignore[call-overload]
    if t == POINT:
        r, c = value  # type: ignore[misc]
        return f"({int(r)}, {int(c)})"
    raise ValueError(f"no literal syntax for type {t}")


def to_text(node: Node) -> str:
    """The canonical program text of a syntax tree (parse(to_text(t)) == t)."""
    return str(node)


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, pre-order."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, Call):
            stack.extend(reversed(n.args))


def uses_hole(node: Node) -> bool:
    """Whether the expression reads `_` anywhere."""
    return any(isinstance(n, Hole) for n in walk(node))


def size(node: Node) -> int:
    """Number of nodes in the tree (the program's length)."""
    return sum(1 for _ in walk(node))


def depth(node: Node) -> int:
    """Height of the tree (a leaf has depth 1)."""
    if isinstance(node, Call) and node.args:
        return 1 + max(depth(a) for a in node.args)
    return 1


def primitives_used(node: Node) -> list[str]:
    """Names of the primitives a program calls, in pre-order, with repeats."""
    return [n.prim for n in walk(node) if isinstance(n, Call)]
