"""An interactive REPL for authoring a DSL program for one ARC task.

It shows the task (train pairs side by side, then test inputs), runs every program typed at the prompt on
each train input with ✓/✗ per pair and a cell diff for mismatches, predicts the test outputs, and saves
the last program run as `<solutions_dir>/<task_id>.arc`.

`render_grid` and `side_by_side` are public so other front ends can print grids the same way.
Depends only on the rest of the `dsl` package, the standard library and numpy.
"""
from __future__ import annotations

import difflib
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Callable, Optional, Sequence, TextIO

import numpy as np

from . import library
from .errors import DSLError, DSLSyntaxError, DSLTypeError
from .grammar import parse
from .grid import Grid
from .interpreter import Limits, run_program
from .program import HOLE, INPUT, Call, Lit, Node, to_text
from .registry import FAMILIES, REGISTRY, Primitive, by_family
from .typecheck import check
from .types import BOOL, COLOUR, GRID, INT, POINT, BaseType, DType, FnType

# ----------------------------------------------------------------------------------------------- palette
#: The standard ARC colours 0-9.
PALETTE_HEX: tuple[str, ...] = (
    "#000000", "#0074D9", "#FF4136", "#2ECC40", "#FFDC00",
    "#AAAAAA", "#F012BE", "#FF851B", "#7FDBFF", "#870C25",
)
PALETTE_RGB: tuple[tuple[int, int, int], ...] = tuple(
    (int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)) for h in PALETTE_HEX)

_CUBE = (0, 95, 135, 175, 215, 255)


def _xterm256(rgb: tuple[int, int, int]) -> int:
    """Nearest xterm-256 colour index (6x6x6 cube or grey ramp) to an RGB triple."""
    best, best_d = 16, 1 << 30
    for i, r in enumerate(_CUBE):
        for j, g in enumerate(_CUBE):
            for k, b in enumerate(_CUBE):
                d = (r - rgb[0]) ** 2 + (g - rgb[1]) ** 2 + (b - rgb[2]) ** 2
                if d < best_d:
                    best, best_d = 16 + 36 * i + 6 * j + k, d
    for n in range(24):
        v = 8 + 10 * n
        d = (v - rgb[0]) ** 2 + (v - rgb[1]) ** 2 + (v - rgb[2]) ** 2
        if d < best_d:
            best, best_d = 232 + n, d
    return best


PALETTE_256: tuple[int, ...] = tuple(_xterm256(c) for c in PALETTE_RGB)

RESET = "\x1b[0m"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def supports_truecolor() -> bool:
    """Whether the terminal advertises 24-bit colour (COLORTERM=truecolor/24bit)."""
    return os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit")


def _bg(c: int, truecolor: bool) -> str:
    if truecolor:
        r, g, b = PALETTE_RGB[c]
        return f"\x1b[48;2;{r};{g};{b}m"
    return f"\x1b[48;5;{PALETTE_256[c]}m"


def visible_len(s: str) -> int:
    """Printed width of a line (ANSI escape sequences excluded)."""
    return len(_ANSI.sub("", s))


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - visible_len(s))


def _style(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}{RESET}" if colour else text


# ------------------------------------------------------------------------------------------ rendering
def _as_array(g: Grid | np.ndarray | Sequence[Sequence[int]]) -> np.ndarray:
    return g.a if isinstance(g, Grid) else np.asarray(g)


def render_grid(g: Grid | np.ndarray | Sequence[Sequence[int]], colour: bool, *,
                marks: Optional[np.ndarray] = None, truecolor: Optional[bool] = None) -> list[str]:
    """Lines drawing a grid, two columns per cell.

    With `colour`, each cell is a block of its ARC palette colour (24-bit when `truecolor`, by default when
    the terminal advertises it, else xterm-256); black cells carry a faint dot so a grid's extent stays
    visible on a dark terminal. Without colour, cells are digits separated by spaces. `marks` (a bool array
    of the grid's shape) puts an `x` on the marked cells.
    """
    a = _as_array(g)
    if truecolor is None:
        truecolor = supports_truecolor()
    lines = []
    for r in range(a.shape[0]):
        if not colour:
            cells = []
            for c in range(a.shape[1]):
                v = int(a[r, c])
                cells.append("x" if marks is not None and marks[r, c] else (str(v) if 0 <= v <= 9 else " "))
            lines.append(" ".join(cells))
            continue
        parts = []
        for c in range(a.shape[1]):
            v = int(a[r, c])
            if not 0 <= v <= 9:  # an empty cell (objects use -1)
                parts.append(RESET + "  ")
                continue
            if marks is not None and marks[r, c]:
                fg = "30" if sum(PALETTE_RGB[v]) > 380 else "97"
                parts.append(f"{_bg(v, truecolor)}\x1b[1;{fg}m><\x1b[22;39m")
            elif v == 0:
                parts.append(f"{_bg(0, truecolor)}\x1b[38;5;240m·\x1b[39m ")
            else:
                parts.append(f"{_bg(v, truecolor)}  ")
        lines.append("".join(parts) + RESET)
    return lines


def side_by_side(blocks: list[list[str]], titles: Optional[Sequence[str]] = None, *, gap: int = 3,
                 max_width: Optional[int] = None) -> list[str]:
    """Lay blocks of lines (e.g. from render_grid) next to each other, each under its title.

    Shorter blocks are padded with blank lines. With `max_width`, blocks that would not fit on one row
    wrap onto further rows (so a pair too wide for the terminal stacks vertically).
    """
    titles = list(titles) if titles is not None else [""] * len(blocks)
    titles += [""] * (len(blocks) - len(titles))
    widths = [max([visible_len(t) for t in [title]] + [visible_len(ln) for ln in block])
              for block, title in zip(blocks, titles)]
    rows: list[list[int]] = []
    used = 0
    for i, w in enumerate(widths):
        if rows and max_width is not None and used + gap + w > max_width:
            rows.append([i])
            used = w
        elif rows:
            rows[-1].append(i)
            used += gap + w
        else:
            rows.append([i])
            used = w
    out: list[str] = []
    any_title = any(titles)
    for n, row in enumerate(rows):
        if n:
            out.append("")
        if any_title:
            out.append((" " * gap).join(_pad(titles[i], widths[i]) for i in row).rstrip())
        height = max(len(blocks[i]) for i in row)
        for r in range(height):
            cells = [_pad(blocks[i][r] if r < len(blocks[i]) else "", widths[i]) for i in row]
            out.append((" " * gap).join(cells).rstrip())
    return out


def size_text(g: Grid | np.ndarray) -> str:
    a = _as_array(g)
    return f"{a.shape[0]}x{a.shape[1]}"


def diff_block(expected: Grid, produced: Grid, colour: bool) -> list[str]:
    """Lines marking cells where two same-sized grids differ: `X` where they differ, `·`/`.` where equal."""
    neq = expected.a != produced.a
    lines = []
    for r in range(neq.shape[0]):
        if colour:
            lines.append("".join("\x1b[1;91mX \x1b[0m" if d else "\x1b[38;5;240m· \x1b[0m" for d in neq[r]))
        else:
            lines.append(" ".join("X" if d else "." for d in neq[r]))
    return lines


# ------------------------------------------------------------------------------ lenient parse (diagnosis)
_TOKEN = re.compile(r"\s*(?:(?P<num>-?\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[(),]))")


class _Loose(Exception):
    pass


class _Trailing(_Loose):
    """A complete expression followed by more text (at character offset `pos`)."""

    def __init__(self, pos: int):
        super().__init__(pos)
        self.pos = pos


def _loose_parse(text: str) -> object:
    """Untyped parse of `name(args)` syntax into nested tuples (for better error messages only)."""
    toks: list[tuple[str, str]] = []
    offsets: list[int] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise _Loose()
        kind = m.lastgroup or ""
        toks.append((kind, m.group(kind)))
        offsets.append(m.start(kind))
        pos = m.end()
    i = 0

    def expr(depth: int) -> object:
        nonlocal i
        if depth > 200 or i >= len(toks):
            raise _Loose()
        kind, val = toks[i]
        i += 1
        if kind == "num":
            return ("num", int(val))
        if kind == "name":
            if i < len(toks) and toks[i] == ("punct", "("):
                i += 1
                args = []
                if i < len(toks) and toks[i] == ("punct", ")"):
                    i += 1
                    return ("call", val, args)
                while True:
                    args.append(expr(depth + 1))
                    if i < len(toks) and toks[i] == ("punct", ","):
                        i += 1
                        continue
                    if i < len(toks) and toks[i] == ("punct", ")"):
                        i += 1
                        return ("call", val, args)
                    raise _Loose()
            return ("name", val)
        if (kind, val) == ("punct", "("):
            a = expr(depth + 1)
            if i < len(toks) and toks[i] == ("punct", ","):
                i += 1
                b = expr(depth + 1)
                if i < len(toks) and toks[i] == ("punct", ")"):
                    i += 1
                    if a[0] == "num" and b[0] == "num":  # type: ignore[index]
                        return ("point", (a[1], b[1]))  # type: ignore[index]
            raise _Loose()
        raise _Loose()

    tree = expr(0)
    if i != len(toks):
        raise _Trailing(offsets[i])
    return tree


def _loose_to_node(t: object, want: Optional[DType]) -> Node:
    kind = t[0]  # type: ignore[index]
    if kind == "num":
        target = want.ret if isinstance(want, FnType) else want
        return Lit(t[1], COLOUR if target == COLOUR else INT)  # type: ignore[index]
    if kind == "point":
        return Lit(t[1], POINT)  # type: ignore[index]
    if kind == "name":
        name = t[1]  # type: ignore[index]
        if name == "I":
            return INPUT
        if name == "_":
            return HOLE
        if name in ("true", "false"):
            return Lit(name == "true", BOOL)
        if name in REGISTRY:
            p = REGISTRY[name]
            raise DSLError(f"`{name}` is a primitive and needs arguments: {p.signature}"
                           + (f", e.g. {name}(I)" if p.params == (GRID,) else ""))
        close = difflib.get_close_matches(name, list(REGISTRY) + ["I", "true", "false"], n=3)
        raise DSLError(f"unknown name {name!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))
    _, name, args = t  # type: ignore[misc]
    p = REGISTRY.get(name)
    params: list[Optional[DType]] = list(p.params) if p else []
    params += [None] * (len(args) - len(params))
    return Call(name, tuple(_loose_to_node(a, w) for a, w in zip(args, params)))


def explain_error(text: str, err: DSLError) -> str:
    """A clearer message for a program that failed to parse: the type error behind a grammar rejection."""
    if not isinstance(err, DSLSyntaxError):
        return str(err)
    try:
        tree = _loose_parse(text)
    except _Trailing as t:
        return (f"unexpected text after the end of the program at column {t.pos + 1}\n"
                f"{text}\n{' ' * t.pos}^")
    except (_Loose, RecursionError):
        return str(err)
    try:
        node = _loose_to_node(tree, GRID)
        check(node)
    except DSLTypeError as e:
        return f"type error: {e}"
    except DSLError as e:
        return str(e)
    except RecursionError:
        return str(err)
    return (f"{err}\n(the registry accepts this program but the grammar file does not: it is out of date; "
            f"run `python -m dsl.grammar`)")


# ------------------------------------------------------------------------------------ example programs
_SIMPLE_EXAMPLES = ("rot90(I)", "hmirror(I)", "vmirror(I)", "rot180(I)")
_LITERAL_EXAMPLES = ("replace(I, 1, 2)", "upscale(I, 2)", "recolor_all(I, 2)", "tile(I, 2, 2)")
_LAMBDA_EXAMPLES = (
    "paint_map(I, components(I), recolor(_, 2))",
    "map_objs(components(I), recolor(_, 2))",
    "paint_objs(I, map_objs(components(I), recolor(_, 2)))",
    "mapply(objects(I, true, false, true), recolor(_, 2))",
    "paint(I, mapply(objects(I, true, false, true), recolor(_, 2)))",
    "argmax(components(I), obj_size(_))",
)


def _valid(text: str) -> bool:
    try:
        check(parse(text))
        return True
    except DSLError:
        return False


def _lambda_example() -> Optional[str]:
    """A short valid program that uses `_`, generated from the registry (None if no primitive takes a function)."""
    for t in _LAMBDA_EXAMPLES:
        if _valid(t):
            return t
    prims = sorted(REGISTRY.values(), key=lambda p: (-p.weight, p.name))
    ctxs: list[Optional[BaseType]] = [None] + sorted(
        {q.arg for p in prims for q in p.params if isinstance(q, FnType)}, key=str)
    leaf = {GRID: "I", INT: "1", COLOUR: "2", BOOL: "true", POINT: "(0, 1)"}
    best: dict[tuple[BaseType, Optional[BaseType]], str] = {}
    with_hole: dict[tuple[BaseType, BaseType], str] = {}
    hole_call: dict[tuple[BaseType, BaseType], str] = {}
    for ctx in ctxs:
        for t, s in leaf.items():
            best[(t, ctx)] = s
        if ctx is not None:
            best[(ctx, ctx)] = "_"
            with_hole[(ctx, ctx)] = "_"

    def arg_text(q: DType, ctx: Optional[BaseType]) -> Optional[str]:
        return best.get((q.ret, q.arg)) if isinstance(q, FnType) else best.get((q, ctx))

    for _ in range(8):  # relax shortest expressions to a fixpoint (bounded)
        changed = False
        for ctx in ctxs:
            for p in prims:
                args = [arg_text(q, ctx) for q in p.params]
                if any(a is None for a in args):
                    continue
                s = f"{p.name}({', '.join(args)})"  # type: ignore[arg-type]
                if (p.ret, ctx) not in best or len(s) < len(best[(p.ret, ctx)]):
                    best[(p.ret, ctx)] = s
                    changed = True
                if ctx is None:
                    continue
                for i, q in enumerate(p.params):
                    h = None if isinstance(q, FnType) else with_hole.get((q, ctx))
                    if h is None:
                        continue
                    s2 = f"{p.name}({', '.join(h if j == i else a for j, a in enumerate(args))})"  # type: ignore[misc]
                    if (p.ret, ctx) not in with_hole or len(s2) < len(with_hole[(p.ret, ctx)]):
                        with_hole[(p.ret, ctx)] = s2
                        changed = True
                    if (p.ret, ctx) not in hole_call or len(s2) < len(hole_call[(p.ret, ctx)]):
                        hole_call[(p.ret, ctx)] = s2  # a body that does something with `_`
                        changed = True
        if not changed:
            break
    cands = []
    for p in prims:
        fi = [i for i, q in enumerate(p.params) if isinstance(q, FnType)]
        if not fi:
            continue
        args = []
        for i, q in enumerate(p.params):
            if isinstance(q, FnType) and i == fi[0]:
                a = hole_call.get((q.ret, q.arg)) or with_hole.get((q.ret, q.arg))
            else:
                a = arg_text(q, None)
            args.append(a)
        if any(a is None for a in args):
            continue
        s = f"{p.name}({', '.join(args)})"  # type: ignore[arg-type]
        if p.ret == GRID:
            cands.append(s)
            continue
        for r in prims:
            if r.ret == GRID and p.ret in r.params:
                k = r.params.index(p.ret)
                rargs = [s if j == k else arg_text(q, None) for j, q in enumerate(r.params)]
                if all(a is not None for a in rargs):
                    cands.append(f"{r.name}({', '.join(rargs)})")  # type: ignore[arg-type]
    for s in sorted(cands, key=len):
        if _valid(s):
            return s
    return None


def example_programs() -> tuple[list[str], Optional[str]]:
    """Valid example programs for the intro: simple ones, and one that uses `_` (None if impossible)."""
    simple = [t for t in _SIMPLE_EXAMPLES if _valid(t)][:1] + [t for t in _LITERAL_EXAMPLES if _valid(t)][:1]
    if not simple:
        grid_prims = sorted((p for p in REGISTRY.values() if p.params == (GRID,) and p.ret == GRID),
                            key=lambda p: (-p.weight, p.name))
        simple = [f"{p.name}(I)" for p in grid_prims[:1] if _valid(f"{p.name}(I)")]
    return simple, _lambda_example()


def _outer_doc(text: str) -> str:
    m = re.match(r"([a-z][a-z0-9_]*)\(", text)
    p = REGISTRY.get(m.group(1)) if m else None
    return p.doc if p else ""


def _lambda_note(text: str) -> str:
    """For a program using `_`: which primitive receives the function and what `_` stands for."""
    try:
        node = parse(text)
    except DSLError:
        return ""
    stack = [node]
    while stack:
        n = stack.pop()
        if not isinstance(n, Call):
            continue
        p = REGISTRY.get(n.prim)
        for arg, q in zip(n.args, p.params if p else ()):
            if isinstance(q, FnType):
                return f"({to_text(arg)} is the function {n.prim} applies; `_` is each {q.arg} it is given)"
        stack.extend(reversed(n.args))
    return ""


# ---------------------------------------------------------------------------------------------- the REPL
COMMANDS: dict[str, str] = {
    ":help": "list primitives by family; `:help NAME` explains one (or a family, `I`, `_`)",
    ":show": "show the task again",
    ":last": "show the last program run and its score",
    ":diff": "the last program's output on every mismatching train pair (`:diff N`: pair N)",
    ":save": "save the last program run to SOLUTIONS/<task>.arc (`:save NAME` writes NAME.arc)",
    ":load": "print the saved program for this task and run it (`:load NAME` reads NAME.arc)",
    ":quit": "leave (also :q, Ctrl-D)",
}
_ALIASES = {":q": ":quit", ":exit": ":quit", ":h": ":help", ":?": ":help"}
_KEYWORDS = ("I", "true", "false")
HISTORY_PATH = Path("~/.cache/arcsynth/repl_history")


class _Result:
    __slots__ = ("text", "train_ok", "train_n", "test_ok", "test_known", "test_n")

    def __init__(self, text: str, train_ok: int, train_n: int, test_ok: int, test_known: int, test_n: int):
        self.text, self.train_ok, self.train_n = text, train_ok, train_n
        self.test_ok, self.test_known, self.test_n = test_ok, test_known, test_n

    @property
    def solved(self) -> bool:
        return self.train_ok == self.train_n and self.test_ok == self.test_known

    def score(self) -> str:
        test = (f"{self.test_ok}/{self.test_known} test" if self.test_known
                else f"{self.test_n} test unverified")
        return f"{self.train_ok}/{self.train_n} train, {test}"


class Repl:
    """Interactive program authoring for one task: type programs, see ✓/✗ per pair with diffs, `:save`."""

    def __init__(self, task_id: str, train: list[tuple[Grid, Grid]], test: list[tuple[Grid, Optional[Grid]]],
                 solutions_dir: Path, stdin: Optional[TextIO] = None, stdout: Optional[TextIO] = None,
                 colour: Optional[bool] = None, width: Optional[int] = None, limits: Limits = Limits()):
        self.task_id = task_id
        self.train = [(_grid(i), _grid(o)) for i, o in train]
        self.test = [(_grid(i), None if o is None else _grid(o)) for i, o in test]
        self.solutions_dir = Path(solutions_dir)
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stdout = stdout if stdout is not None else sys.stdout
        self.colour = _isatty(self.stdout) if colour is None else colour
        self._width = width
        self.limits = limits
        self.last: Optional[_Result] = None
        self.last_node: Optional[Node] = None
        self.interactive = self.stdin is sys.stdin and self.stdout is sys.stdout and _isatty(self.stdin)
        enc = (getattr(self.stdout, "encoding", None) or "utf-8").lower()
        unicode_ok = True
        try:
            "✓✗·".encode(enc)
        except (LookupError, UnicodeEncodeError):
            unicode_ok = False
        self.ok_mark = "✓" if unicode_ok else "ok"
        self.bad_mark = "✗" if unicode_ok else "X"

    # ------------------------------------------------------------------------------------------ output
    @property
    def width(self) -> int:
        if self._width:
            return self._width
        if _isatty(self.stdout):
            return max(40, shutil.get_terminal_size((100, 24)).columns - 1)
        return 100

    def say(self, *lines: str) -> None:
        for ln in lines:
            try:
                self.stdout.write(ln + "\n")
            except UnicodeEncodeError:  # a terminal without UTF-8: degrade the symbols, keep going
                enc = getattr(self.stdout, "encoding", None) or "ascii"
                self.stdout.write((ln + "\n").encode(enc, "replace").decode(enc))
        self.stdout.flush()

    def _c(self, text: str, code: str) -> str:
        return _style(text, code, self.colour)

    def _ok(self, good: bool) -> str:
        return self._c(self.ok_mark, "1;32") if good else self._c(self.bad_mark, "1;31")

    def _grid_lines(self, g: Grid, marks: Optional[np.ndarray] = None) -> list[str]:
        return render_grid(g, self.colour, marks=marks)

    def _show_blocks(self, grids: list[Grid], titles: list[str], indent: str = "  ") -> None:
        blocks = [self._grid_lines(g) for g in grids]
        for ln in side_by_side(blocks, titles, max_width=self.width - len(indent)):
            self.say((indent + ln) if ln else "")

    # -------------------------------------------------------------------------------------------- task
    def show_task(self) -> None:
        n_test = len(self.test)
        self.say(self._c(f"Task {self.task_id}", "1")
                 + f": {len(self.train)} train pair{'s' * (len(self.train) != 1)}, "
                 f"{n_test} test input{'s' * (n_test != 1)}", "")
        for k, (i, o) in enumerate(self.train, 1):
            self._show_blocks([i, o], [self._c(f"train {k}", "1") + f"  input {size_text(i)}",
                                       f"output {size_text(o)}"])
            self.say("")
        for k, (i, _o) in enumerate(self.test, 1):
            self._show_blocks([i], [self._c(f"test {k}", "1") + f"  input {size_text(i)}"])
            self.say("")

    def intro(self) -> str:
        simple, lam = example_programs()
        lines = ["Write one expression that turns every train input into its output.",
                 "`I` is the input grid. Primitives are typed functions; literals are colours 0-9, integers,",
                 "true/false and points (row, col). For example:"]
        w = max([len(s) for s in simple], default=0) + 2
        for s in simple:
            lines.append(f"    {s.ljust(w)}{self._c(_outer_doc(s), '2')}")
        if lam:
            lines.append("Where a primitive takes a function (map, filter, argmax, ...), write the function's body")
            lines.append("with `_` standing for its argument:")
            lines.append(f"    {lam}")
            note = _lambda_note(lam)
            if note:
                lines.append(f"    {self._c(note, '2')}")
        else:
            lines.append("`_` stands for the argument of a function-typed parameter (map, filter, ...);")
            lines.append("no primitive taking a function is registered yet.")
        lines.append("Type a program to run it on every pair. :help lists primitives, :help NAME explains one,")
        lines.append(":save keeps the last program, :q quits." + (" Tab completes names." if self.interactive else ""))
        return "\n".join(lines)

    # ------------------------------------------------------------------------------------------ running
    def run_text(self, text: str) -> Optional[_Result]:
        """Parse, check and run a program on every pair, printing the outcome; None if it did not type-check."""
        text = text.strip()
        try:
            node = parse(text)
            check(node)
        except DSLError as e:
            self._error(explain_error(text, e))
            return None
        return self.run_node(node)

    def _error(self, msg: str) -> None:
        head, *rest = msg.split("\n")
        self.say(self._c("error: ", "1;31") + head)
        for ln in rest:
            self.say("  " + ln)

    def _attempt(self, node: Node, inp: Grid) -> Grid | str:
        try:
            return run_program(node, inp, self.limits)
        except DSLError as e:
            return str(e)

    def run_node(self, node: Node) -> _Result:
        text = to_text(node)
        self.last_node = node
        ok = 0
        hidden: list[str] = []
        big_shown = False
        for k, (inp, want) in enumerate(self.train, 1):
            got = self._attempt(node, inp)
            if isinstance(got, str):
                self.say(f"{self._ok(False)} train {k}: {self._c('error', '31')}: {got}")
            elif got == want:
                self.say(f"{self._ok(True)} train {k}")
                ok += 1
            else:
                self.say(f"{self._ok(False)} train {k}: {self._diff_summary(want, got)}")
                big = max(want.shape + got.shape) > 12
                if big and big_shown:  # keep the output of big tasks readable: details of one pair only
                    hidden.append(str(k))
                else:
                    big_shown = big_shown or big
                    self._describe_diff(want, got)
        if hidden:
            self.say(self._c(f"    (grids of train {', '.join(hidden)} not shown: `:diff N` shows train pair N)", "2"))
        all_train = ok == len(self.train)
        test_ok = known = 0
        for k, (inp, want) in enumerate(self.test, 1):
            got = self._attempt(node, inp)
            known += want is not None
            if isinstance(got, str):
                self.say(f"{self._ok(False)} test {k}: {self._c('error', '31')}: {got}")
                continue
            if want is None:
                self.say(f"{self._c('?', '1;33')} test {k}: prediction {size_text(got)} (test output unknown)")
            elif got == want:
                test_ok += 1
                self.say(f"{self._ok(True)} test {k}: prediction {size_text(got)} is right")
            else:
                self.say(f"{self._ok(False)} test {k}: prediction wrong ({self._diff_summary(want, got, 'predicted')})")
            if not all_train:
                continue  # predictions of a program that fails on train pairs are noise
            if want is None or got == want:
                self._show_blocks([inp, got], [f"input {size_text(inp)}", f"prediction {size_text(got)}"],
                                  indent="    ")
            else:
                self._describe_diff(want, got, "predicted")
        res = _Result(text, ok, len(self.train), test_ok, known, len(self.test))
        self.last = res
        self.say(self._summary(res))
        return res

    def _summary(self, res: _Result) -> str:
        line = f"{res.train_ok}/{res.train_n} train pairs match"
        if res.test_known:
            line += f", {res.test_ok}/{res.test_known} test"
        if res.solved:
            verdict = "solved" if res.test_known else "fits every train pair"
            return (self._c(f"{self.ok_mark} {line}", "1;32")
                    + f" — {verdict}. :save writes it to {self._path(None)}")
        return self._c(f"{self.bad_mark} {line}", "1;31")

    def _diff_summary(self, want: Grid, got: Grid, produced: str = "produced") -> str:
        if want.shape != got.shape:
            return f"size differs: expected {size_text(want)}, {produced} {size_text(got)}"
        n = int((want.a != got.a).sum())
        return f"{n} of {want.a.size} cells differ"

    def _describe_diff(self, want: Grid, got: Grid, produced: str = "produced") -> None:
        """Expected and produced grids side by side, with the differing cells marked."""
        blocks = [self._grid_lines(want), self._grid_lines(got)]
        titles = [f"expected {size_text(want)}", f"{produced} {size_text(got)}"]
        width = self.width - 4
        if want.shape == got.shape:
            diff = diff_block(want, got, self.colour)
            if not self.colour or sum(visible_len(b[0]) + 3 for b in blocks + [diff]) <= width:
                blocks.append(diff)
                titles.append("diff (X = wrong)")
            else:  # too wide for three grids: mark the wrong cells on the produced grid instead
                blocks[1] = self._grid_lines(got, marks=want.a != got.a)
                titles[1] += " (>< = wrong)"
        for ln in side_by_side(blocks, titles, max_width=width):
            self.say(("    " + ln) if ln else "")
        self._wrong_cells(want, got)

    def _wrong_cells(self, want: Grid, got: Grid) -> None:
        """On grids too big to compare by eye, list the first differing cells."""
        if want.shape != got.shape or max(want.shape) <= 10:
            return
        rr, cc = np.nonzero(want.a != got.a)
        line = "wrong cells (row,col) expected→produced:"
        shown = 0
        for r, c in zip(rr[:12], cc[:12]):
            cell = f" ({r},{c}) {int(want.a[r, c])}→{int(got.a[r, c])}"
            if 4 + len(line) + len(cell) + 14 > self.width and shown:
                break
            line += ("," if shown else "") + cell
            shown += 1
        if shown < len(rr):
            line += f" … +{len(rr) - shown} more"
        self.say("    " + self._c(line, "2"))

    def diff(self, arg: str = "") -> None:
        """`:diff [N]`: the last program's output on train pair N (every mismatching pair without N)."""
        if self.last_node is None:
            self.say("no program has been run yet")
            return
        if arg:
            if not arg.isdigit() or not 1 <= int(arg) <= len(self.train):
                self.say(f"`:diff N` takes a train pair number 1..{len(self.train)}")
                return
            ks = [int(arg)]
        else:
            ks = list(range(1, len(self.train) + 1))
        self.say(self.last.text if self.last else "")
        for k in ks:
            inp, want = self.train[k - 1]
            got = self._attempt(self.last_node, inp)
            if isinstance(got, str):
                self.say(f"{self._ok(False)} train {k}: {self._c('error', '31')}: {got}")
            elif got == want:
                self.say(f"{self._ok(True)} train {k}")
            else:
                self.say(f"{self._ok(False)} train {k}: {self._diff_summary(want, got)}")
                self._describe_diff(want, got)

    # ----------------------------------------------------------------------------------------- commands
    def handle(self, line: str) -> bool:
        """Process one input line; False when the REPL should exit."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        if not line.startswith(":"):
            word = line.lower()
            if word in ("help", "quit", "exit", "q", "show", "save", "load", "last") and word not in REGISTRY:
                cmd = _ALIASES.get(":" + word, ":" + word)
                self.say(f"commands start with a colon: try {cmd}")
                return True
            try:
                self.run_text(line)
            except KeyboardInterrupt:
                self.say("interrupted")
            return True
        cmd, _, arg = line.partition(" ")
        cmd = _ALIASES.get(cmd.lower(), cmd.lower())
        arg = arg.strip()
        if cmd == ":quit":
            return False
        if cmd == ":help":
            self.help(arg)
        elif cmd == ":show":
            self.show_task()
        elif cmd == ":last":
            if self.last is None:
                self.say("no program has been run yet")
            else:
                self.say(self.last.text, f"  {self.last.score()}")
        elif cmd == ":diff":
            self.diff(arg)
        elif cmd == ":save":
            self.save(arg or None)
        elif cmd == ":load":
            self.load(arg or None)
        else:
            close = difflib.get_close_matches(cmd, list(COMMANDS) + list(_ALIASES), n=1)
            hint = f"did you mean {_ALIASES.get(close[0], close[0])}? " if close else ""
            self.say(f"unknown command {cmd}; {hint}commands: {' '.join(COMMANDS)}")
        return True

    def help(self, arg: str = "") -> None:
        if not arg:
            self._help_all()
            return
        name = arg.strip().strip("()")
        p = REGISTRY.get(name)
        if p is not None:
            self.say(self._c(p.signature, "1"), f"  {p.doc}", f"  family: {p.family}")
            if any(isinstance(q, FnType) for q in p.params):
                self.say("  function arguments are written as an expression using `_` for the argument")
            return
        if name in FAMILIES:
            ps = by_family()[name]
            if not ps:
                self.say(f"no {name} primitives are registered yet")
            for q in ps:
                self.say(self._c(q.signature, "1"), f"    {q.doc}")
            return
        special = {
            "I": "I: the task's input grid (a Grid); every program is an expression over it.",
            "_": "_: inside a function-typed argument (of map, filter, argmax, ...), the value the function "
                 "is applied to.",
            "true": "true/false: Bool literals.", "false": "true/false: Bool literals.",
        }
        if name in special:
            self.say(special[name])
            return
        cmd = _ALIASES.get(name if name.startswith(":") else ":" + name, name if name.startswith(":") else ":" + name)
        if cmd in COMMANDS:
            self.say(f"{cmd}: {COMMANDS[cmd]}")
            return
        pool = list(REGISTRY) + list(FAMILIES)
        sub = sorted(n for n in REGISTRY if name.lower() in n)[:8] if len(name) >= 2 else []
        close = difflib.get_close_matches(name.lower(), pool, n=5, cutoff=0.6)
        sugg = list(dict.fromkeys(sub + close))[:8]
        self.say(f"no primitive called {name!r}" + (f"; did you mean: {', '.join(sugg)}" if sugg else ""))

    def _help_all(self) -> None:
        self.say(self._c("Primitives by family", "1")
                 + f" ({len(REGISTRY)}; `:help NAME` for one, `:help FAMILY` for a family with descriptions):")
        for fam, ps in by_family().items():
            if not ps:
                continue
            entries = [_compact_sig(p) for p in ps]
            self.say("", self._c(f"{fam} ({len(ps)})", "1;36"))
            colw = max(len(e) for e in entries) + 2
            ncols = max(1, (self.width - 2) // colw)
            nrows = -(-len(entries) // ncols)
            for r in range(nrows):
                row = [entries[c * nrows + r] for c in range(ncols) if c * nrows + r < len(entries)]
                self.say("  " + "".join(e.ljust(colw) for e in row).rstrip())
        self.say("", self._c("Syntax", "1") + ": `I` = input grid; `_` = argument inside a function-typed argument; "
                 "colours 0-9, ints, true/false, points (row, col).")
        self.say(self._c("Commands", "1") + ": " + "  ".join(f"{c}" for c in COMMANDS))

    def _path(self, name: Optional[str]) -> Path:
        stem = name or self.task_id
        if stem.endswith(library.SUFFIX):
            stem = stem[: -len(library.SUFFIX)]
        return self.solutions_dir / f"{stem}{library.SUFFIX}"

    def save(self, name: Optional[str] = None) -> Optional[Path]:
        if self.last is None:
            self.say("nothing to save yet: type a program first")
            return None
        if name and ("/" in name or "\\" in name or name.startswith(".")):
            self.say(f"`:save NAME` takes a plain file name, not {name!r}")
            return None
        res = self.last
        path = self._path(name)
        previous = None
        if path.exists():
            try:
                previous = library.read_program(path)
            except DSLError:
                previous = None
        if not res.solved:
            self.say(self._c("warning: ", "1;33") + f"this program does not solve the task ({res.score()}); "
                     "saving anyway")
        try:
            library.write_program(self.solutions_dir, path.stem, res.text, comment=f"{self.task_id}: {res.score()}")
        except OSError as e:
            self._error(f"cannot write {path}: {e}")
            return None
        note = f" (replacing {previous})" if previous and previous != res.text else ""
        self.say(f"saved {path}{note}")
        return path

    def load(self, name: Optional[str] = None) -> None:
        path = self._path(name)
        if not path.exists():
            self.say(f"no saved program at {path}")
            return
        try:
            text = library.read_program(path)
        except DSLError as e:
            self._error(str(e))
            return
        for ln in path.read_text(encoding="utf-8").splitlines():
            if ln.lstrip().startswith("#"):
                self.say(self._c(ln, "2"))
        self.say(text)
        self.run_text(text)

    # --------------------------------------------------------------------------------------------- loop
    def run(self) -> None:
        """Show the intro and the task, then read and handle lines until :quit or end of input."""
        self.show_task()
        self.say(self.intro(), "")
        rl = _setup_readline(self._completions) if self.interactive else None
        try:
            while True:
                try:
                    line = self._read(f"{self.task_id}> ")
                except KeyboardInterrupt:
                    self.say("")
                    continue
                if line is None:
                    self.say("")
                    break
                if not self.handle(line):
                    break
        finally:
            if rl is not None:
                rl()

    def _read(self, prompt: str) -> Optional[str]:
        if self.interactive:
            try:
                return input(prompt)
            except EOFError:
                return None
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            return None
        line = line.rstrip("\r\n")
        self.stdout.write(line + "\n")  # echo, so a scripted session reads like a transcript
        return line

    def _completions(self, line: str, word: str) -> list[str]:
        if line.lstrip().startswith(":"):
            head = line.lstrip()
            if " " not in head:
                return sorted(c for c in list(COMMANDS) + [":q"] if c.startswith(word))
            if head.split()[0] in (":help", ":h", ":?"):
                return sorted(n for n in list(REGISTRY) + [f for f in FAMILIES] if n.startswith(word))
            return []
        names = sorted(n for n in REGISTRY if n.startswith(word))
        kws = [k for k in _KEYWORDS if k.startswith(word)]
        if len(names) == 1 and not kws:
            return [names[0] + "("]
        return names + kws


# --------------------------------------------------------------------------------------------- helpers
def _grid(g: object) -> Grid:
    return g if isinstance(g, Grid) else Grid.from_list(g, limit=60)


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _compact_sig(p: Primitive) -> str:
    return f"{p.name}({', '.join(str(q) for q in p.params)}) -> {p.ret}"


def _setup_readline(complete: Callable[[str, str], list[str]]) -> Optional[Callable[[], None]]:
    """Install tab completion and history; returns a function restoring the previous state (None if no readline)."""
    try:
        import readline  # only for the interactive REPL
    except ImportError:
        return None
    try:
        old_completer = readline.get_completer()
        old_delims = readline.get_completer_delims()
        matches: list[str] = []

        def completer(text: str, state: int) -> Optional[str]:
            nonlocal matches
            if state == 0:
                try:
                    matches = complete(readline.get_line_buffer()[: readline.get_endidx()], text)
                except Exception:  # a completer must never raise into readline
                    matches = []
            return matches[state] if state < len(matches) else None

        readline.set_completer(completer)
        readline.set_completer_delims(" \t\n(),")
        if "libedit" in (readline.__doc__ or "") or getattr(readline, "backend", "") == "editline":
            readline.parse_and_bind("bind ^I rl_complete")
        else:
            readline.parse_and_bind("tab: complete")
        hist = HISTORY_PATH.expanduser()
        try:
            readline.read_history_file(hist)
        except (OSError, ValueError):
            pass
        readline.set_history_length(2000)
    except Exception:  # noqa: BLE001  (an odd readline build must not stop the REPL)
        return None

    def restore() -> None:
        try:
            hist.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(hist)
        except (OSError, ValueError):
            pass
        try:
            readline.set_completer(old_completer)
            readline.set_completer_delims(old_delims)
        except Exception:  # noqa: BLE001
            pass
    return restore


__all__ = ["Repl", "render_grid", "side_by_side", "diff_block", "size_text", "visible_len", "explain_error",
           "example_programs", "PALETTE_HEX", "PALETTE_RGB", "PALETTE_256", "supports_truecolor", "COMMANDS"]
