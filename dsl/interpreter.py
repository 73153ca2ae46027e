"""The safe interpreter: walks a syntax tree, calling registered primitives, under bounds on cells, steps and time.

Generated text is never handed to Python's eval/exec. Every failure surfaces as a DSLError.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from .errors import DSLError, DSLLimitError
from .grammar import parse
from .grid import MAX_ARC_SIDE, MAX_INNER_SIDE, Grid, Indices, Obj
from .program import Call, Hole, Input, Lit, Node
from .registry import REGISTRY, get
from .typecheck import check
from .types import FnType

#: Largest magnitude an Int may take inside a program.
MAX_INT = 10_000
#: Longest Objs/Grids sequence a program may build.
MAX_SEQ = 4_096


@dataclass(frozen=True)
class Limits:
    """Bounds on one evaluation: primitive calls, wall seconds, and the side of the final grid."""

    max_steps: int = 20_000
    max_seconds: float = 2.0
    result_side: int = MAX_ARC_SIDE


class _Run:
    __slots__ = ("inp", "limits", "steps", "deadline", "cache")

    def __init__(self, inp: Grid, limits: Limits):
        self.inp = inp
        self.limits = limits
        self.steps = 0
        self.deadline = time.monotonic() + limits.max_seconds
        self.cache: dict[int, object] = {}

    def tick(self) -> None:
        self.steps += 1
        if self.steps > self.limits.max_steps:
            raise DSLLimitError(f"program exceeded {self.limits.max_steps} primitive calls")
        if (self.steps & 63) == 0 and time.monotonic() > self.deadline:
            raise DSLLimitError(f"program exceeded {self.limits.max_seconds:g} s")

    def ev(self, node: Node, hole: object, has_hole: bool) -> object:
        if isinstance(node, Call):
            key = id(node)
            if not has_hole and key in self.cache:
                return self.cache[key]
            p = REGISTRY.get(node.prim) or get(node.prim)
            args = []
            for arg, want in zip(node.args, p.params):
                if isinstance(want, FnType):
                    args.append(self._closure(arg))
                else:
                    args.append(self.ev(arg, hole, has_hole))
            self.tick()
            try:
                out = p.fn(*args)
            except DSLError:
                raise
            except RecursionError:
                raise DSLLimitError(f"{p.name}: recursion too deep") from None
            except MemoryError:
                raise DSLLimitError(f"{p.name}: out of memory") from None
            except Exception as e:  # a primitive that cannot apply to these values
                raise DSLError(f"{p.name}: {type(e).__name__}: {e}") from None
            check_value(p.name, out)
            if not has_hole:
                self.cache[key] = out
            return out
        if isinstance(node, Input):
            return self.inp
        if isinstance(node, Lit):
            return node.value
        if isinstance(node, Hole):
            if not has_hole:
                raise DSLError("`_` used outside a function argument")
            return hole
        raise DSLError(f"not a program node: {node!r}")

    def _closure(self, body: Node) -> Callable[[object], object]:
        # Subtrees of a lambda body that do not mention `_` could be cached too; keep it simple and safe.
        def fn(x: object) -> object:
            return self.ev(body, x, True)
        return fn


def check_value(name: str, v: object) -> None:
    if isinstance(v, bool):
        return
    if isinstance(v, int):
        if not -MAX_INT <= v <= MAX_INT:
            raise DSLLimitError(f"{name}: integer {v} exceeds ±{MAX_INT}")
    elif isinstance(v, Grid):
        if v.h > MAX_INNER_SIDE or v.w > MAX_INNER_SIDE:
            raise DSLLimitError(f"{name}: grid of {v.h}x{v.w} exceeds {MAX_INNER_SIDE}x{MAX_INNER_SIDE}")
    elif isinstance(v, tuple):
        if len(v) > MAX_SEQ:
            raise DSLLimitError(f"{name}: sequence of {len(v)} items exceeds {MAX_SEQ}")
    elif not isinstance(v, (Obj, Indices)):
        raise DSLError(f"{name} returned a {type(v).__name__}, which is not a DSL value")


def evaluate(node: Node, inp: Grid, limits: Limits = Limits(), hole: object = None, has_hole: bool = False) -> object:
    """Evaluate any expression on an input grid (no type check); DSLError on any failure."""
    run = _Run(inp, limits)
    try:
        return run.ev(node, hole, has_hole)
    except DSLError:
        raise
    except RecursionError:
        raise DSLLimitError("program is nested too deeply") from None
    except Exception as e:  # defensive: nothing but DSLError leaves the interpreter
        raise DSLError(f"internal evaluation failure: {type(e).__name__}: {e}") from None


def run_program(program: Node | str, inp: Grid, limits: Limits = Limits()) -> Grid:
    """Type-check and run a program (tree or text) on an input grid; the result is a Grid within ARC bounds."""
    node = parse(program) if isinstance(program, str) else program
    check(node)
    out = evaluate(node, inp, limits)
    if not isinstance(out, Grid):
        raise DSLError(f"program produced {type(out).__name__}, not a Grid")
    side = limits.result_side
    if out.h > side or out.w > side:
        raise DSLLimitError(f"result grid of {out.h}x{out.w} exceeds the {side}x{side} bound")
    return out


def compile_program(program: Node | str) -> Callable[[Grid], Grid]:
    """Parse and type-check once; return a function running the program on an input grid."""
    node = parse(program) if isinstance(program, str) else program
    check(node)

    def run(inp: Grid, limits: Limits = Limits()) -> Grid:
        return run_program(node, inp, limits)
    return run


__all__ = ["Limits", "evaluate", "run_program", "compile_program", "MAX_INT", "MAX_SEQ"]
