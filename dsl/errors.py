"""The one error type of the DSL: every failure to parse, type-check or evaluate a program is a DSLError."""
from __future__ import annotations


class DSLError(Exception):
    """Any failure inside the DSL: bad syntax, bad types, a primitive that cannot apply, a bound exceeded."""


class DSLSyntaxError(DSLError):
    """Program text that the grammar does not accept."""


class DSLTypeError(DSLError):
    """A program whose argument types do not match the primitives' signatures."""


class DSLLimitError(DSLError):
    """A program that exceeded a bound on cells, steps or wall time."""
