"""The primitive registry: the single source of truth for interpreter, type checker, grammar, search and REPL help."""
from __future__ import annotations

import difflib
import inspect
import re
import typing
from dataclasses import dataclass
from typing import Callable

from .errors import DSLError
from .types import BaseType, DType, FnType, dsl_type

#: Families, in the order the REPL's :help lists them.
FAMILIES: tuple[str, ...] = (
    "geometry", "colour", "objects", "partition", "lines", "symmetry", "logic", "arith", "higher",
)

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_RESERVED = {"true", "false"}


@dataclass(frozen=True)
class Primitive:
    """A registered DSL primitive: a plain typed Python function plus its signature and documentation."""

    name: str
    fn: Callable[..., object]
    params: tuple[DType, ...]
    param_names: tuple[str, ...]
    ret: BaseType
    family: str
    doc: str
    weight: float = 1.0

    @property
    def signature(self) -> str:
        args = ", ".join(f"{n}: {t}" for n, t in zip(self.param_names, self.params))
        return f"{self.name}({args}) -> {self.ret}"

    @property
    def arity(self) -> int:
        return len(self.params)


REGISTRY: dict[str, Primitive] = {}


def primitive(family: str, weight: float = 1.0) -> Callable[[Callable[..., object]], Callable[..., object]]:
    """Decorator registering a typed function as a DSL primitive of a family; the function is returned unchanged.

    `weight` is its relative prior weight in the probabilistic grammar (higher = tried earlier).
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}; choose one of {FAMILIES}")

    def register(fn: Callable[..., object]) -> Callable[..., object]:
        name = fn.__name__
        if not _NAME.match(name) or name in _RESERVED:
            raise ValueError(f"primitive name {name!r} must be lower_snake_case and not a keyword")
        if name in REGISTRY:
            raise ValueError(f"primitive {name!r} registered twice")
        doc = (fn.__doc__ or "").strip()
        if not doc or "\n" in doc:
            raise ValueError(f"primitive {name!r} needs a one-line docstring")
        hints = typing.get_type_hints(fn)
        sig = inspect.signature(fn)
        params, names = [], []
        for pname in sig.parameters:
            if pname not in hints:
                raise ValueError(f"primitive {name!r}: parameter {pname!r} has no type annotation")
            params.append(dsl_type(hints[pname]))
            names.append(pname)
        ret = dsl_type(hints.get("return"))
        if isinstance(ret, FnType):
            raise ValueError(f"primitive {name!r} may not return a function")
        REGISTRY[name] = Primitive(name, fn, tuple(params), tuple(names), ret, family, doc, weight)
        return fn

    return register


def get(name: str) -> Primitive:
    """Return the primitive called `name`, with a helpful error if there is none."""
    try:
        return REGISTRY[name]
    except KeyError:
        close = difflib.get_close_matches(name, REGISTRY, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise DSLError(f"unknown primitive {name!r}{hint}") from None


def by_family() -> dict[str, list[Primitive]]:
    """Primitives grouped by family, in FAMILIES order, names sorted."""
    out: dict[str, list[Primitive]] = {f: [] for f in FAMILIES}
    for p in REGISTRY.values():
        out[p.family].append(p)
    for f in out:
        out[f].sort(key=lambda p: p.name)
    return out
