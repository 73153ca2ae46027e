"""Arith: integer arithmetic and comparisons, booleans, points (row, col) and Colour <-> Int conversion."""
from __future__ import annotations

from ..registry import primitive
from ..types import Colour, Point
from ._util import require, sgn

#: Largest magnitude of any integer or point coordinate these primitives produce (the interpreter's bound).
_MAX = 10_000


def _int(v: int, name: str) -> int:
    require(-_MAX <= v <= _MAX, f"{name}: integer {v} exceeds ±{_MAX}")
    return int(v)


def _pt(r: int, c: int, name: str) -> Point:
    require(-_MAX <= r <= _MAX and -_MAX <= c <= _MAX, f"{name}: point ({r}, {c}) exceeds ±{_MAX}")
    return (int(r), int(c))


# ---------------------------------------------------------------- integers

@primitive("arith", weight=1.5)
def add(a: int, b: int) -> int:
    """a + b."""
    return _int(a + b, "add")


@primitive("arith", weight=1.5)
def sub(a: int, b: int) -> int:
    """a - b."""
    return _int(a - b, "sub")


@primitive("arith")
def mul(a: int, b: int) -> int:
    """a * b."""
    return _int(a * b, "mul")


@primitive("arith")
def div(a: int, b: int) -> int:
    """a divided by b, rounded down (b must not be 0)."""
    require(b != 0, "div by 0")
    return _int(a // b, "div")


@primitive("arith", weight=0.5)
def mod(a: int, b: int) -> int:
    """a modulo b, with the sign of b (b must not be 0)."""
    require(b != 0, "mod by 0")
    return _int(a % b, "mod")


@primitive("arith", weight=0.5)
def neg(a: int) -> int:
    """-a."""
    return -a


@primitive("arith")
def double(a: int) -> int:
    """2 * a."""
    return _int(2 * a, "double")


@primitive("arith")
def halve(a: int) -> int:
    """a divided by 2, rounded down."""
    return a // 2


@primitive("arith", weight=1.5)
def inc(a: int) -> int:
    """a + 1."""
    return _int(a + 1, "inc")


@primitive("arith", weight=1.5)
def dec(a: int) -> int:
    """a - 1."""
    return _int(a - 1, "dec")


@primitive("arith")
def maximum(a: int, b: int) -> int:
    """The larger of a and b."""
    return max(a, b)


@primitive("arith")
def minimum(a: int, b: int) -> int:
    """The smaller of a and b."""
    return min(a, b)


@primitive("arith", weight=0.5)
def sign(a: int) -> int:
    """-1, 0 or 1 according to the sign of a."""
    return (a > 0) - (a < 0)


@primitive("arith", weight=0.5)
def abs_int(a: int) -> int:
    """The absolute value of a."""
    return abs(a)


# ---------------------------------------------------------------- comparisons and booleans

@primitive("arith")
def eq_int(a: int, b: int) -> bool:
    """Whether a equals b."""
    return a == b


@primitive("arith")
def lt_int(a: int, b: int) -> bool:
    """Whether a is less than b."""
    return a < b


@primitive("arith", weight=0.5)
def is_even(a: int) -> bool:
    """Whether a is even."""
    return a % 2 == 0


@primitive("arith")
def eq_colour(a: Colour, b: Colour) -> bool:
    """Whether colours a and b are the same."""
    return a == b


@primitive("arith")
def both(a: bool, b: bool) -> bool:
    """Logical and: whether a and b both hold."""
    return bool(a and b)


@primitive("arith")
def either(a: bool, b: bool) -> bool:
    """Logical or: whether a or b holds."""
    return bool(a or b)


@primitive("arith")
def bool_not(a: bool) -> bool:
    """Logical not: whether a does not hold."""
    return not a


# ---------------------------------------------------------------- points

@primitive("arith")
def point(r: int, c: int) -> Point:
    """The point (r, c)."""
    return _pt(r, c, "point")


@primitive("arith")
def add_point(p: Point, q: Point) -> Point:
    """Component-wise sum p + q."""
    return _pt(p[0] + q[0], p[1] + q[1], "add_point")


@primitive("arith")
def sub_point(p: Point, q: Point) -> Point:
    """Component-wise difference p - q."""
    return _pt(p[0] - q[0], p[1] - q[1], "sub_point")


@primitive("arith")
def scale_point(p: Point, k: int) -> Point:
    """Both components of p multiplied by k."""
    return _pt(p[0] * k, p[1] * k, "scale_point")


@primitive("arith")
def point_row(p: Point) -> int:
    """The row (first component) of p."""
    return _int(p[0], "point_row")


@primitive("arith")
def point_col(p: Point) -> int:
    """The column (second component) of p."""
    return _int(p[1], "point_col")


@primitive("arith", weight=0.5)
def negate_point(p: Point) -> Point:
    """The point (-row, -col)."""
    return _pt(-p[0], -p[1], "negate_point")


@primitive("arith", weight=0.5)
def swap_point(p: Point) -> Point:
    """The point with row and column exchanged (col, row)."""
    return _pt(p[1], p[0], "swap_point")


# ---------------------------------------------------------------- colour conversions

@primitive("arith")
def colour_to_int(c: Colour) -> int:
    """The colour's number 0..9 as an Int."""
    return int(c)


@primitive("arith")
def int_to_colour(i: int) -> Colour:
    """The colour numbered i (i must be in 0..9)."""
    require(0 <= i <= 9, f"int_to_colour: {i} is not a colour 0..9")
    return int(i)


@primitive("arith")
def sign_point(p: Point) -> Point:
    """The unit direction (sign of row, sign of column) of p, e.g. (3, -2) -> (1, -1)."""
    return (sgn(p[0]), sgn(p[1]))
