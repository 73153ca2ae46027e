"""The program grammar, generated from the registry, and the parser built on it.

One nonterminal per (type, hole type): `grid` is an expression of type Grid; `int__obj` is an Int
expression that may use `_` for an Obj (the body of an Obj -> Int function). Only productive,
reachable nonterminals are emitted, so every string the grammar accepts is a well-typed program.
The generated text is committed as grammars/program.lark; `python -m dsl.grammar` rewrites it.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

import lark

from .errors import DSLSyntaxError
from .program import HOLE, INPUT, Call, Lit, Node
from .registry import REGISTRY, Primitive
from .types import BOOL, COLOUR, GRID, INT, POINT, BaseType, FnType

GRAMMAR_PATH = Path(__file__).resolve().parent.parent / "grammars" / "program.lark"
START = GRID

Ctx = Optional[BaseType]
NT = tuple[BaseType, Ctx]

_HEADER = """\
// arcsynth program grammar. GENERATED from the DSL registry by `python -m dsl.grammar`: do not edit.
// One nonterminal per type; `T__A` is an expression of type T that may use `_` for an argument of type A.
// Every string this grammar accepts is a well-typed program whose value is a Grid over the input `I`.
"""

_TERMINALS = """\
INT: /-?[0-9]{1,2}/
COLOUR: /[0-9]/
WS: /[ \\t\\r\\n]+/
%ignore WS
"""


def nt_name(nt: NT) -> str:
    """Grammar name of a nonterminal."""
    t, ctx = nt
    return t.nt if ctx is None else f"{t.nt}__{ctx.nt}"


def _arg_nt(param: BaseType | FnType, ctx: Ctx) -> NT:
    if isinstance(param, FnType):
        return (param.ret, param.arg)
    return (param, ctx)


def _has_terminal_production(nt: NT) -> bool:
    t, ctx = nt
    return t in (INT, COLOUR, BOOL, POINT, GRID) or t == ctx


def _all_contexts() -> list[Ctx]:
    ctxs: list[Ctx] = [None]
    for p in REGISTRY.values():
        for q in p.params:
            if isinstance(q, FnType) and q.arg not in ctxs:
                ctxs.append(q.arg)
    return ctxs


def _productive(prims: list[Primitive]) -> set[NT]:
    """Nonterminals that derive at least one finite string (least fixpoint)."""
    types = {p.ret for p in prims} | {INT, COLOUR, BOOL, POINT, GRID}
    all_nts = {(t, c) for t in types for c in _all_contexts()}
    good = {nt for nt in all_nts if _has_terminal_production(nt)}
    changed = True
    while changed:
        changed = False
        for nt in all_nts - good:
            t, ctx = nt
            for p in prims:
                if p.ret == t and all(_arg_nt(q, ctx) in good for q in p.params):
                    good.add(nt)
                    changed = True
                    break
    return good


def _usable(p: Primitive, ctx: Ctx, good: set[NT]) -> bool:
    return all(_arg_nt(q, ctx) in good for q in p.params)


def generate() -> str:
    """Generate the Lark grammar text from the current registry."""
    prims = sorted(REGISTRY.values(), key=lambda p: p.name)
    good = _productive(prims)
    order: list[NT] = [(START, None)]
    seen = {order[0]}
    i = 0
    while i < len(order):
        t, ctx = order[i]
        i += 1
        for p in prims:
            if p.ret == t and _usable(p, ctx, good):
                for q in p.params:
                    a = _arg_nt(q, ctx)
                    if a not in seen:
                        seen.add(a)
                        order.append(a)
    lines = [_HEADER, f"start: {nt_name((START, None))}", ""]
    for nt in order:
        t, ctx = nt
        alts: list[str] = []
        for p in prims:
            if p.ret == t and _usable(p, ctx, good):
                args = ' "," '.join(nt_name(_arg_nt(q, ctx)) for q in p.params)
                alts.append(f'"{p.name}" "(" {args} ")" -> c_{p.name}' if args else f'"{p.name}" "(" ")" -> c_{p.name}')
        if t == GRID:
            alts.append('"I" -> input')
        if ctx is not None and t == ctx:
            alts.append('"_" -> hole')
        if t == INT:
            alts.append("INT -> lit_int")
        elif t == COLOUR:
            alts.append("COLOUR -> lit_colour")
        elif t == BOOL:
            alts += ['"true" -> lit_true', '"false" -> lit_false']
        elif t == POINT:
            alts.append('"(" INT "," INT ")" -> lit_point')
        lines.append(f"{nt_name(nt)}: " + "\n    | ".join(alts))
        lines.append("")
    lines.append(_TERMINALS)
    return "\n".join(lines)


def write(path: Path = GRAMMAR_PATH) -> None:
    """Rewrite the committed grammar file from the registry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generate())


def grammar_text() -> str:
    """The committed grammar file's text (what the parser and the LLM decoder use)."""
    return GRAMMAR_PATH.read_text()


@functools.lru_cache(maxsize=1)
def parser():  # type: ignore[no-untyped-def]
    return lark.Lark(grammar_text(), parser="lalr", start="start", cache=True)


def _to_ast(tree) -> Node:  # type: ignore[no-untyped-def]
    data = tree.data
    if data == "start":
        return _to_ast(tree.children[0])
    if data.startswith("c_"):
        return Call(data[2:], tuple(_to_ast(c) for c in tree.children))
    if data == "input":
        return INPUT
    if data == "hole":
        return HOLE
    if data == "lit_int":
        return Lit(int(tree.children[0]), INT)
    if data == "lit_colour":
        return Lit(int(tree.children[0]), COLOUR)
    if data == "lit_true":
        return Lit(True, BOOL)
    if data == "lit_false":
        return Lit(False, BOOL)
    if data == "lit_point":
        toks = [c for c in tree.children if isinstance(c, lark.Token)]
        return Lit((int(toks[0]), int(toks[1])), POINT)
    raise DSLSyntaxError(f"unexpected node {data!r} in parse tree")


def _describe_terminal(name: str) -> str:
    """A terminal as a reader would write it: `")"` for RPAR, `an Int literal` for INT."""
    try:
        pat = parser().get_terminal(name).pattern
    except KeyError:
        return name
    if pat.type == "str":
        return f'"{pat.value}"'
    return {"INT": "an Int literal", "COLOUR": "a Colour 0-9"}.get(name, name)


#: Deepest parenthesis nesting a program may have. Real programs nest far less; the bound keeps every
#: recursive walk of a tree (printing, hashing, type checking, evaluation) well inside Python's stack.
MAX_NESTING = 100


def _max_nesting(text: str) -> int:
    """Deepest nesting of parentheses in text."""
    depth = deepest = 0
    for ch in text:
        if ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth -= 1
    return deepest


def parse(text: str) -> Node:
    """Parse program text into a syntax tree; DSLSyntaxError says where and what was expected."""
    if not isinstance(text, str):
        raise DSLSyntaxError(f"program text must be a string, got {type(text).__name__}")
    if len(text) > 100_000:
        raise DSLSyntaxError(f"program text of {len(text)} characters is too long (limit 100000)")
    if text.count("(") > MAX_NESTING and _max_nesting(text) > MAX_NESTING:
        raise DSLSyntaxError(f"program is nested more than {MAX_NESTING} parentheses deep")
    try:
        tree = parser().parse(text)
    except lark.exceptions.UnexpectedInput as e:
        expected = sorted(_describe_terminal(t) for t in (getattr(e, "expected", None) or getattr(e, "allowed", None) or []))
        shown = ", ".join(expected[:12]) + (" ..." if len(expected) > 12 else "")
        where = f"line {getattr(e, 'line', '?')}, column {getattr(e, 'column', '?')}"
        context = e.get_context(text, span=30).rstrip() if hasattr(e, "get_context") else ""
        msg = f"syntax error at {where}"
        if shown:
            msg += f"; expected one of: {shown}"
        raise DSLSyntaxError(msg + (f"\n{context}" if context else "")) from None
    except (lark.exceptions.LarkError, RecursionError) as e:
        raise DSLSyntaxError(f"cannot parse program: {type(e).__name__}: {str(e)[:200]}") from None
    try:
        return _to_ast(tree)
    except RecursionError:
        raise DSLSyntaxError("program is nested too deeply") from None


if __name__ == "__main__":
    from . import primitives  # noqa: F401  (registers everything)
    write()
    print(f"wrote {GRAMMAR_PATH} ({len(REGISTRY)} primitives)")
