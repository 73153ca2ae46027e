"""Static type checking of program trees against the registry's signatures."""
from __future__ import annotations

from typing import Optional

from .errors import DSLTypeError
from .program import Call, Hole, Input, Lit, Node
from .registry import get
from .types import BOOL, COLOUR, GRID, INT, POINT, BaseType, FnType


def infer(node: Node, hole: Optional[BaseType] = None) -> BaseType:
    """Type of an expression in which `_` (if any) has type `hole`; DSLTypeError explains any mismatch."""
    if isinstance(node, Input):
        return GRID
    if isinstance(node, Hole):
        if hole is None:
            raise DSLTypeError("`_` used outside a function argument (it stands for the argument of map, filter, ...)")
        return hole
    if isinstance(node, Lit):
        _check_literal(node)
        return node.type
    if isinstance(node, Call):
        p = get(node.prim)
        if len(node.args) != p.arity:
            raise DSLTypeError(f"{p.name} takes {p.arity} argument(s), got {len(node.args)}: {p.signature}")
        for i, (arg, want) in enumerate(zip(node.args, p.params)):
            if isinstance(want, FnType):
                got = infer(arg, want.arg)
                if got != want.ret:
                    raise DSLTypeError(f"argument {i + 1} ({p.param_names[i]}) of {p.name} must be a {want} "
                                       f"written with `_` for the {want.arg}, but its body has type {got}: {p.signature}")
            else:
                got = infer(arg, hole)
                if got != want:
                    raise DSLTypeError(f"argument {i + 1} ({p.param_names[i]}) of {p.name} must be {want}, "
                                       f"got {got} from `{arg}`: {p.signature}")
        return p.ret
    raise DSLTypeError(f"not a program node: {node!r}")


def _check_literal(lit: Lit) -> None:
    v, t = lit.value, lit.type
    ok = ((t == BOOL and isinstance(v, bool))
          or (t == INT and isinstance(v, int) and not isinstance(v, bool) and -99 <= v <= 99)
          or (t == COLOUR and isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 9)
          or (t == POINT and isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, int) and -99 <= x <= 99 for x in v)))
    if not ok:
        raise DSLTypeError(f"{v!r} is not a valid {t} literal")


def check(node: Node, expected: BaseType = GRID) -> None:
    """Raise DSLTypeError unless `node` is a closed expression of type `expected` (a program: Grid)."""
    got = infer(node)
    if got != expected:
        raise DSLTypeError(f"a program must produce a {expected}, this one produces {got}")
