"""DSL types and the Python annotations that denote them.

A primitive is annotated with these Python names; the registry maps them to DSL types, which drive the
type checker, the grammar (one nonterminal per type) and the search.
"""
from __future__ import annotations

import collections.abc
import typing
from dataclasses import dataclass
from typing import Callable, NewType, Union

from .grid import Grid, Indices, Obj

# Python-side names used in primitive annotations.
Colour = NewType("Colour", int)
Point = tuple[int, int]
Objs = tuple[Obj, ...]
Grids = tuple[Grid, ...]


@dataclass(frozen=True)
class BaseType:
    """A ground DSL type such as Grid or Int."""

    name: str

    def __str__(self) -> str:
        return self.name

    @property
    def nt(self) -> str:
        """Grammar nonterminal stem for this type."""
        return self.name.lower()


@dataclass(frozen=True)
class FnType:
    """A unary function type A -> B; its values are written as expressions of type B that use `_` for the A."""

    arg: BaseType
    ret: BaseType

    def __str__(self) -> str:
        return f"({self.arg} -> {self.ret})"


DType = Union[BaseType, FnType]

GRID = BaseType("Grid")
GRIDS = BaseType("Grids")
OBJ = BaseType("Obj")
OBJS = BaseType("Objs")
INDICES = BaseType("Indices")
INT = BaseType("Int")
COLOUR = BaseType("Colour")
BOOL = BaseType("Bool")
POINT = BaseType("Point")

BASE_TYPES: tuple[BaseType, ...] = (GRID, GRIDS, OBJ, OBJS, INDICES, INT, COLOUR, BOOL, POINT)

_PY_TO_DSL: dict[object, BaseType] = {
    Grid: GRID, Grids: GRIDS, Obj: OBJ, Objs: OBJS, Indices: INDICES,
    int: INT, Colour: COLOUR, bool: BOOL, Point: POINT,
}

#: Python class of each DSL type's runtime values (for dynamic checks).
RUNTIME_CLASS: dict[BaseType, type] = {
    GRID: Grid, GRIDS: tuple, OBJ: Obj, OBJS: tuple, INDICES: Indices,
    INT: int, COLOUR: int, BOOL: bool, POINT: tuple,
}


def dsl_type(annotation: object) -> DType:
    """Map a Python annotation used on a primitive to its DSL type; raise TypeError for anything else."""
    if annotation in _PY_TO_DSL:
        return _PY_TO_DSL[annotation]
    origin = typing.get_origin(annotation)
    if origin in (collections.abc.Callable, Callable):
        params, ret = typing.get_args(annotation)
        if len(params) != 1:
            raise TypeError(f"only unary functions are DSL types, got {annotation}")
        a, r = dsl_type(params[0]), dsl_type(ret)
        if not isinstance(a, BaseType) or not isinstance(r, BaseType):
            raise TypeError(f"function types may not nest: {annotation}")
        return FnType(a, r)
    raise TypeError(f"{annotation!r} is not a DSL type; use one of {', '.join(t.name for t in BASE_TYPES)} or Callable[[A], B]")


def type_by_name(name: str) -> BaseType:
    """Look up a ground type by its name (case-insensitive)."""
    for t in BASE_TYPES:
        if t.name.lower() == name.lower():
            return t
    raise KeyError(name)
