"""Seeds for the enumerator: sub-expressions of given programs (recalled exemplars, LLM proposals) that it takes at
a discounted cost, so a search starts from the parts of programs that solved similar tasks."""
from __future__ import annotations

from typing import Sequence

from arcsynth.dsl.program import Call, Node, uses_hole
from arcsynth.dsl.registry import REGISTRY
from arcsynth.dsl.types import GRID, DType, FnType
from arcsynth.search.trials import parse_known


def seed_expressions(programs: Sequence[str], max_seeds: int, depth: int) -> list[tuple[Node, DType]]:
    """Sub-expressions of programs with their types: the closed ones at most `depth` below the root (values a
    different top-level primitive can reuse) and every `_` body (function arguments); at most max_seeds."""
    out: list[tuple[Node, DType]] = []
    seen: set[str] = set()

    def visit(node: Node, t: DType, level: int) -> None:
        """Collect seeds below a node of type t."""
        if not isinstance(node, Call):
            return
        key = f"{t}:{node}"
        if level and key not in seen and (isinstance(t, FnType) or level <= depth):
            seen.add(key)
            out.append((node, t))
        p = REGISTRY.get(node.prim)
        if p is None:
            return
        hole = t.arg if isinstance(t, FnType) else None
        for arg, want in zip(node.args, p.params):
            if isinstance(want, FnType):
                visit(arg, want, level + 1)
            elif hole is not None and uses_hole(arg):
                visit(arg, FnType(hole, want), level + 1)  # type: ignore[arg-type]
            else:
                visit(arg, want, level + 1)

    for text in programs:
        node = parse_known(text)
        if node is not None:
            visit(node, GRID, 0)
    return out[:max_seeds]


__all__ = ["seed_expressions"]
